import type { CombinedError } from '@urql/core';
import { errorMessage } from './errors';
import { TRANSFORM_ARGS, type FieldDraft } from './mappingDraft';
import { targetOf } from './ruleErrors';

/**
 * Server problems of a mapping, by where the editor shows them. VALIDATION_FAILED names
 * its field by path: `name`, `sourceEntity`, `definition.fields` (a required target field
 * nothing maps), `definition.fields.1.source`, `definition.fields.2.transforms.0.region`
 * (rows and transforms count from 0, like the JSON sent).
 */
export interface MappingErrors {
  /** Messages by the path of the input (or row, or transform) that shows them. */
  byPath: Record<string, string>;
  /** What no input shows, for an alert. */
  form?: string;
}

export const NO_MAPPING_ERRORS: MappingErrors = { byPath: {} };

const TOP = ['name', 'sourceConnectionId', 'sourceEntity', 'targetConnectionId', 'targetEntity', 'definition.fields'];

/** The path of row `i`'s part, e.g. rowPath(2, 'transforms.0.region'). */
export function rowPath(i: number, part?: string): string {
  return part ? `definition.fields.${i}.${part}` : `definition.fields.${i}`;
}

/** Every path the editor can show a message at, for these rows. */
export function mappingTargets(fields: readonly FieldDraft[]): string[] {
  const targets = [...TOP];
  fields.forEach((f, i) => {
    targets.push(rowPath(i), rowPath(i, 'target'), rowPath(i, 'source'), rowPath(i, 'constant'), rowPath(i, 'template'));
    f.transforms.forEach((t, j) => {
      const at = `transforms.${j}`;
      targets.push(rowPath(i, at), rowPath(i, `${at}.kind`));
      for (const arg of TRANSFORM_ARGS[t.kind]) targets.push(rowPath(i, `${at}.${arg}`));
    });
  });
  return targets;
}

/** Places a createMapping/updateMapping/previewMapping error on the editor's inputs; the rest goes to the alert. */
export function mappingErrors(error: CombinedError | undefined, fields: readonly FieldDraft[]): MappingErrors {
  if (!error) return NO_MAPPING_ERRORS;
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const raw = first?.extensions?.fields;
  if ((code === 'VALIDATION_FAILED' || code === 'CONFLICT') && raw && typeof raw === 'object') {
    const targets = mappingTargets(fields);
    const byPath: Record<string, string> = {};
    const other: string[] = [];
    for (const [key, message] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof message !== 'string') continue;
      const target = targetOf(key, targets);
      if (!target) {
        other.push(`${key}: ${message}`);
        continue;
      }
      // Messages stay as the server words them (inputs prefix their label); one about a
      // part, shown on a whole row or transform, says which part.
      const text = key === target ? message.trim() : `${key.slice(target.length + 1)}: ${message.trim()}`;
      byPath[target] = byPath[target] ? `${byPath[target]} ${text}` : text;
    }
    if (Object.keys(byPath).length === 0 && other.length === 0) other.push(first.message);
    return { byPath, form: other.length ? other.join(' ') : undefined };
  }
  return { byPath: {}, form: errorMessage(error) };
}

/** Errors without those at or under a path (after the user changed it). */
export function withoutMappingErrors(errors: MappingErrors, prefix: string): MappingErrors {
  const byPath: Record<string, string> = {};
  let changed = false;
  for (const [path, message] of Object.entries(errors.byPath)) {
    if (path === prefix || path.startsWith(`${prefix}.`)) changed = true;
    else byPath[path] = message;
  }
  return changed ? { ...errors, byPath } : errors;
}
