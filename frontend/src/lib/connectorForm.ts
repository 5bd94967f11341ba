import type { CombinedError } from '@urql/core';
import type { ConnectorFieldType } from '../gql/graphql';
import { errorMessage } from './errors';

/** The parts of a ConnectorField a connect form needs (see connectors.graphqls). */
export interface FieldSpec {
  name: string;
  label: string;
  type: ConnectorFieldType;
  required: boolean;
  help: string;
  pattern: string;
  patternHelp: string;
  options: string[];
  default: string;
  min?: number | null;
  max?: number | null;
  maxLength: number;
}

/** Which Mantine input renders a field, and with which HTML input type. */
export type InputPlan =
  | { component: 'text'; inputType: 'text' | 'url' | 'email'; inputMode?: 'decimal' }
  | { component: 'password' }
  | { component: 'number'; min?: number; max?: number }
  | { component: 'switch' }
  | { component: 'select'; options: string[] };

/** Maps a connector field's type onto the input that edits it. */
export function inputFor(field: FieldSpec): InputPlan {
  switch (field.type) {
    case 'SECRET':
      return { component: 'password' };
    case 'URL':
      return { component: 'text', inputType: 'url' };
    case 'EMAIL':
      return { component: 'text', inputType: 'email' };
    case 'NUMBER':
      return { component: 'number', min: field.min ?? undefined, max: field.max ?? undefined };
    case 'BOOLEAN':
      return { component: 'switch' };
    case 'SELECT':
      return { component: 'select', options: field.options };
    case 'MONEY':
      return { component: 'text', inputType: 'text', inputMode: 'decimal' };
    default:
      // TEXT, HOST, DATETIME, LIST: plain text the server checks.
      return { component: 'text', inputType: 'text' };
  }
}

export type FormValues = Record<string, string>;

/** Every field's starting value: its default, "false" for an unset switch. */
export function initialValues(fields: readonly FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) values[f.name] = f.default || (f.type === 'BOOLEAN' ? 'false' : '');
  return values;
}

/** "must be …" from the server or a Spec reads as "<Label> must be …"; anything else gets a capital. */
export function fieldMessage(label: string, message: string): string {
  const text = message.trim();
  if (label && /^(is|are|must|has|have|should|was|does|cannot|can't)\b/i.test(text)) return `${label} ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    // A pattern JavaScript cannot read is left to the server.
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The client-side check of one value, mirroring the server's; undefined when fine. */
export function checkValue(field: FieldSpec, raw: string): string | undefined {
  const value = field.type === 'SECRET' ? raw : raw.trim();
  if (value === '') return field.required ? `${field.label} is required.` : undefined;
  if (field.maxLength > 0 && value.length > field.maxLength) {
    return `${field.label} must be at most ${field.maxLength} characters.`;
  }
  switch (field.type) {
    case 'URL':
      if (!isHttpUrl(value)) return `${field.label} must be an http(s) URL like https://example.com/hook.`;
      break;
    case 'EMAIL':
      if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) return `${field.label} must be an email address.`;
      break;
    case 'NUMBER': {
      const n = Number(value);
      if (!Number.isFinite(n)) return `${field.label} must be a number.`;
      if (field.min != null && n < field.min) return `${field.label} must be at least ${field.min}.`;
      if (field.max != null && n > field.max) return `${field.label} must be at most ${field.max}.`;
      break;
    }
    case 'SELECT':
      if (!field.options.includes(value)) return `${field.label} must be one of ${field.options.join(', ')}.`;
      break;
    case 'HOST':
      if (/[/:@ ]/.test(value) && !/^[0-9a-f:.]+$/i.test(value)) {
        return `${field.label} must be a host name like smtp.example.com.`;
      }
      break;
  }
  if (field.pattern) {
    const re = anchored(field.pattern);
    if (re && !re.test(value)) {
      return field.patternHelp ? fieldMessage(field.label, field.patternHelp) : `${field.label} has the wrong format.`;
    }
  }
  return undefined;
}

/** Messages per field name for every value that fails its check. */
export function checkValues(fields: readonly FieldSpec[], values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const message = checkValue(f, values[f.name] ?? '');
    if (message) problems[f.name] = message;
  }
  return problems;
}

export interface ValueInput {
  name: string;
  value: string;
}

/**
 * The `values` of createConnection/startConnection: every field with a value, trimmed,
 * in the connector's order. Empty ones are left out so the server applies its defaults.
 */
export function buildValues(fields: readonly FieldSpec[], values: FormValues): ValueInput[] {
  const out: ValueInput[] = [];
  for (const f of fields) {
    const raw = values[f.name] ?? '';
    const value = f.type === 'SECRET' ? raw : raw.trim();
    if (value !== '') out.push({ name: f.name, value });
  }
  return out;
}

export interface ConnectErrors {
  /** Messages under the connector's fields, by field name. */
  values: Record<string, string>;
  /** A message under the "Connection name" input. */
  name?: string;
  /** What belongs to no input, for an alert. */
  form?: string;
}

/**
 * Maps a createConnection/startConnection error onto the form: `extensions.fields` keys
 * `values.<field>` go under that field, `name` under the connection name, anything else
 * (`connector`, unknown fields, other errors) into the alert.
 */
export function connectErrors(error: CombinedError | undefined, fields: readonly FieldSpec[]): ConnectErrors {
  const result: ConnectErrors = { values: {} };
  if (!error) return result;
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const raw = first?.extensions?.fields;
  if ((code === 'VALIDATION_FAILED' || code === 'CONFLICT') && raw && typeof raw === 'object') {
    const other: string[] = [];
    for (const [key, message] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof message !== 'string') continue;
      const field = key.startsWith('values.') ? fields.find((f) => `values.${f.name}` === key) : undefined;
      if (field) result.values[field.name] = fieldMessage(field.label, message);
      else if (key === 'name') result.name = fieldMessage('Connection name', message);
      else if (key === 'connector') other.push(fieldMessage('', message));
      else other.push(key.startsWith('values.') ? `${key.slice(7)}: ${message}` : `${key}: ${message}`);
    }
    if (other.length) result.form = other.join(' ');
    if (!result.form && !result.name && Object.keys(result.values).length === 0) result.form = first.message;
    return result;
  }
  result.form = errorMessage(error);
  return result;
}
