import type { CombinedError } from '@urql/core';
import type { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'INTERNAL';

export type FieldErrors = Record<string, string>;

function codeOf(error: GraphQLError): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function hasCode(errors: readonly GraphQLError[], code: ErrorCode): boolean {
  return errors.some((e) => codeOf(e) === code);
}

export function errorCode(error: CombinedError | undefined): ErrorCode | undefined {
  const first = error?.graphQLErrors[0];
  return first ? (codeOf(first) as ErrorCode | undefined) : undefined;
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error && hasCode(error.graphQLErrors, 'UNAUTHENTICATED');
}

/** One human sentence for an error, suitable for an alert or a notification. */
export function errorMessage(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  if (!first) return 'Could not reach the server. Check your connection and try again.';
  if (codeOf(first) === 'INTERNAL') {
    const requestId = first.extensions?.requestId;
    return typeof requestId === 'string'
      ? `Something went wrong (request id ${requestId}).`
      : 'Something went wrong.';
  }
  return first.message;
}

/** `extensions.fields` of an error: messages by input field name. */
function fieldsOf(error: GraphQLError): FieldErrors {
  const raw = error.extensions?.fields;
  const fields: FieldErrors = {};
  if (raw && typeof raw === 'object') {
    for (const [name, message] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  return fields;
}

export interface FormErrors {
  /** Messages to show under the named inputs (schema input field names). */
  fields: FieldErrors;
  /** A message not tied to one of the form's fields, to show above the submit button. */
  form?: string;
}

/**
 * Maps a mutation error onto a form: VALIDATION_FAILED `extensions.fields` go under
 * their inputs, CONFLICT goes under the field it names (else under `conflictField`),
 * anything else is a form-level message.
 */
export function formErrors(
  error: CombinedError | undefined,
  formFields: readonly string[],
  conflictField?: string,
): FormErrors {
  if (!error) return { fields: {} };
  const first = error.graphQLErrors[0];
  const code = first && codeOf(first);
  if (code === 'VALIDATION_FAILED') {
    const fields: FieldErrors = {};
    const other: string[] = [];
    for (const [name, message] of Object.entries(fieldsOf(first))) {
      if (formFields.includes(name)) fields[name] = message;
      else other.push(message);
    }
    if (Object.keys(fields).length === 0 && other.length === 0) other.push(first.message);
    return { fields, form: other.length ? other.join(' ') : undefined };
  }
  if (code === 'CONFLICT') {
    // The field the server names, if the form has it; else the form's own choice.
    const named = Object.keys(fieldsOf(first)).find((name) => formFields.includes(name));
    const field = named ?? conflictField;
    if (field && formFields.includes(field)) return { fields: { [field]: first.message } };
  }
  return { fields: {}, form: errorMessage(error) };
}

/** Only same-site paths are followed after sign-in. */
export function safeReturnPath(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function signInPath(returnTo?: string): string {
  return returnTo && returnTo !== '/' ? `/signin?next=${encodeURIComponent(returnTo)}` : '/signin';
}

const PUBLIC_PREFIXES = ['/signin', '/signup', '/invite/', '/install/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));
}
