/**
 * A mapping as the editor holds it, and the MappingInput (with its definition JSON)
 * it sends: {fields: [{target, source | constant | template, transforms: [{kind, …}]}]}.
 */

export const TRANSFORM_KINDS = [
  'trim',
  'lower',
  'upper',
  'split',
  'join',
  'e164',
  'date',
  'number',
  'currency',
  'lookup',
  'first_non_empty',
] as const;

export type TransformKind = (typeof TRANSFORM_KINDS)[number];

export const TRANSFORM_LABELS: Record<TransformKind, string> = {
  trim: 'Trim spaces',
  lower: 'Lower case',
  upper: 'Upper case',
  split: 'Split',
  join: 'Join',
  e164: 'Phone to E.164',
  date: 'Format date',
  number: 'Number',
  currency: 'Currency amount',
  lookup: 'Look up',
  first_non_empty: 'First non-empty',
};

/** The arguments each kind takes (their names are the JSON keys and error paths). */
export const TRANSFORM_ARGS: Record<TransformKind, readonly TransformArg[]> = {
  trim: [],
  lower: [],
  upper: [],
  split: ['separator', 'index'],
  join: ['separator'],
  e164: ['region'],
  date: ['layout', 'timeZone'],
  number: ['decimals'],
  currency: ['currency'],
  lookup: ['table', 'default'],
  first_non_empty: ['paths'],
};

export type TransformArg = 'separator' | 'index' | 'region' | 'layout' | 'timeZone' | 'decimals' | 'currency' | 'table' | 'default' | 'paths';

export interface TransformDraft {
  /** Stable React key; not sent. */
  key: string;
  kind: TransformKind;
  separator: string;
  /** Integers as typed; empty when not set. */
  index: string;
  region: string;
  layout: string;
  timeZone: string;
  decimals: string;
  currency: string;
  /** "key=value" lines. */
  table: string;
  default: string;
  paths: string[];
}

export type ValueKind = 'source' | 'constant' | 'template';

export interface FieldDraft {
  key: string;
  target: string;
  kind: ValueKind;
  /** The source field name, the constant or the template, by kind. */
  value: string;
  transforms: TransformDraft[];
}

export interface MappingDraft {
  name: string;
  sourceConnectionId: string;
  sourceEntity: string;
  targetConnectionId: string;
  targetEntity: string;
  fields: FieldDraft[];
}

let keys = 0;
const nextKey = (prefix: string) => `${prefix}${++keys}`;

export function emptyTransform(kind: TransformKind): TransformDraft {
  return {
    key: nextKey('t'),
    kind,
    separator: '',
    index: '',
    region: '',
    layout: '',
    timeZone: '',
    decimals: '',
    currency: '',
    table: '',
    default: '',
    paths: [],
  };
}

export function emptyField(target = '', source = ''): FieldDraft {
  return { key: nextKey('f'), target, kind: 'source', value: source, transforms: [] };
}

export function emptyMapping(): MappingDraft {
  return { name: '', sourceConnectionId: '', sourceEntity: '', targetConnectionId: '', targetEntity: '', fields: [] };
}

function integer(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || !/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}

/** "key=value" lines as a table; blank lines are skipped, a line without "=" maps to "". */
export function parseTable(text: string): Record<string, string> {
  const table: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    if (key) table[key] = at < 0 ? '' : line.slice(at + 1).trim();
  }
  return table;
}

export function formatTable(table: Record<string, string> | undefined): string {
  return Object.entries(table ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** One transform as the definition JSON holds it: its kind and its arguments that are set. */
export function transformJson(t: TransformDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: t.kind };
  switch (t.kind) {
    case 'split': {
      out.separator = t.separator;
      const index = integer(t.index);
      if (index !== undefined) out.index = index;
      break;
    }
    case 'join':
      if (t.separator) out.separator = t.separator;
      break;
    case 'e164':
      if (t.region.trim()) out.region = t.region.trim().toUpperCase();
      break;
    case 'date':
      if (t.layout.trim()) out.layout = t.layout.trim();
      if (t.timeZone.trim()) out.timeZone = t.timeZone.trim();
      break;
    case 'number': {
      const decimals = integer(t.decimals);
      if (decimals !== undefined) out.decimals = decimals;
      break;
    }
    case 'currency':
      out.currency = t.currency.trim().toUpperCase();
      break;
    case 'lookup':
      out.table = parseTable(t.table);
      if (t.default !== '') out.default = t.default;
      break;
    case 'first_non_empty':
      out.paths = t.paths;
      break;
  }
  return out;
}

/** One field row as the definition JSON holds it. */
export function fieldJson(f: FieldDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { target: f.target };
  if (f.kind === 'constant') out.constant = f.value;
  else if (f.value.trim() !== '') out[f.kind] = f.kind === 'source' ? f.value.trim() : f.value;
  out.transforms = f.transforms.map(transformJson);
  return out;
}

export function definitionJson(fields: readonly FieldDraft[]): { fields: Record<string, unknown>[] } {
  return { fields: fields.map(fieldJson) };
}

export interface MappingInputValue {
  name: string;
  sourceConnectionId: string;
  sourceEntity: string;
  targetConnectionId: string;
  targetEntity: string;
  definition: { fields: Record<string, unknown>[] };
}

export function mappingInput(d: MappingDraft): MappingInputValue {
  return {
    name: d.name.trim(),
    sourceConnectionId: d.sourceConnectionId,
    sourceEntity: d.sourceEntity,
    targetConnectionId: d.targetConnectionId,
    targetEntity: d.targetEntity,
    definition: definitionJson(d.fields),
  };
}

/** Whether two drafts send the same input (row keys aside). */
export function sameMapping(a: MappingDraft, b: MappingDraft): boolean {
  return JSON.stringify(mappingInput(a)) === JSON.stringify(mappingInput(b));
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? String(v) : '');
const isKind = (v: unknown): v is TransformKind => (TRANSFORM_KINDS as readonly unknown[]).includes(v);

function transformFromJson(raw: unknown): TransformDraft | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const t = raw as Record<string, unknown>;
  if (!isKind(t.kind)) return undefined;
  return {
    ...emptyTransform(t.kind),
    separator: str(t.separator),
    index: num(t.index),
    region: str(t.region),
    layout: str(t.layout),
    timeZone: str(t.timeZone),
    decimals: num(t.decimals),
    currency: str(t.currency),
    table: t.table && typeof t.table === 'object' ? formatTable(t.table as Record<string, string>) : '',
    default: str(t.default),
    paths: Array.isArray(t.paths) ? t.paths.filter((p): p is string => typeof p === 'string') : [],
  };
}

function fieldFromJson(raw: unknown): FieldDraft {
  const f = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  let kind: ValueKind = 'source';
  let value = str(f.source);
  if (typeof f.constant === 'string') {
    kind = 'constant';
    value = f.constant;
  } else if (typeof f.template === 'string' && f.template !== '') {
    kind = 'template';
    value = f.template;
  }
  const transforms = Array.isArray(f.transforms) ? f.transforms.map(transformFromJson).filter((t): t is TransformDraft => !!t) : [];
  return { key: nextKey('f'), target: str(f.target), kind, value, transforms };
}

/** The rows of a saved definition. */
export function fieldsFromDefinition(definition: unknown): FieldDraft[] {
  const fields = definition && typeof definition === 'object' ? (definition as { fields?: unknown }).fields : undefined;
  return Array.isArray(fields) ? fields.map(fieldFromJson) : [];
}

export interface EntityField {
  name: string;
  required: boolean;
}

/**
 * Rows for the required target fields no row maps yet, each from the source field of
 * the same name (case-insensitively) when there is one.
 */
export function requiredRows(fields: readonly FieldDraft[], target: readonly EntityField[], source: readonly EntityField[]): FieldDraft[] {
  const mapped = new Set(fields.map((f) => f.target));
  return target
    .filter((t) => t.required && !mapped.has(t.name))
    .map((t) => emptyField(t.name, source.find((s) => s.name.toLowerCase() === t.name.toLowerCase())?.name ?? ''));
}

/** Moves item `from` by `by` places. */
export function move<T>(items: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
