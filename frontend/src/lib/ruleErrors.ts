import type { CombinedError } from '@urql/core';
import { errorMessage } from './errors';
import type { StepDraft } from './ruleSteps';

/**
 * Server problems of a rule, by where the editor shows them. VALIDATION_FAILED names
 * its field by path: `name`, `condition`, `trigger.event`, `steps.1.action.input.subject`,
 * `steps.2.branch.then.0.wait.duration` (step indexes count from 0, like the JSON sent).
 */
export interface RuleErrors {
  /** Messages by the path of the input (or step card) that shows them. */
  byPath: Record<string, string>;
  /** What no input shows, for an alert. */
  form?: string;
}

export const NO_ERRORS: RuleErrors = { byPath: {} };

/** Which action inputs a step shows: its action's input field names. */
export type InputsOf = (connector: string, action: string) => readonly string[] | undefined;

/** Every path the editor can show a message at, for these steps. */
export function errorTargets(steps: readonly StepDraft[], inputsOf: InputsOf, showsDelay: boolean): string[] {
  const targets = ['name', 'trigger.event', 'trigger.connectionId', 'condition', 'exitCondition', 'marketing', 'steps'];
  if (showsDelay) targets.push('trigger.delayMinutes');
  stepTargets(steps, 'steps', inputsOf, targets);
  return targets;
}

function stepTargets(steps: readonly StepDraft[], path: string, inputsOf: InputsOf, out: string[]) {
  steps.forEach((step, i) => {
    const p = `${path}.${i}`;
    out.push(p);
    switch (step.kind) {
      case 'action':
        out.push(`${p}.action.connectionId`, `${p}.action.action`);
        for (const name of inputsOf(step.action.connector, step.action.action) ?? []) out.push(`${p}.action.input.${name}`);
        break;
      case 'wait':
        out.push(`${p}.wait.duration`, `${p}.wait.untilTime`, `${p}.wait.weekdays`);
        break;
      case 'branch':
        out.push(`${p}.branch.if`);
        stepTargets(step.branch.then, `${p}.branch.then`, inputsOf, out);
        stepTargets(step.branch.else, `${p}.branch.else`, inputsOf, out);
        break;
    }
  });
}

/** The deepest target that is `key` or contains it (`steps.1.wait.weekdays.2` → `steps.1.wait.weekdays`). */
export function targetOf(key: string, targets: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const t of targets) {
    if ((key === t || key.startsWith(`${t}.`)) && (!best || t.length > best.length)) best = t;
  }
  return best;
}

function messageOf(key: string, target: string, message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  // A message about a part of a step, shown on the whole step, says which part.
  if (key !== target && /^steps\.\d+(\.branch\.(then|else)\.\d+)*$/.test(target)) {
    return `${key.slice(target.length + 1)}: ${text}`;
  }
  return capital;
}

/** Places a createRule/updateRule/testRule error on the editor's inputs; the rest goes to the alert. */
export function ruleErrors(error: CombinedError | undefined, targets: readonly string[]): RuleErrors {
  if (!error) return NO_ERRORS;
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const raw = first?.extensions?.fields;
  if ((code === 'VALIDATION_FAILED' || code === 'CONFLICT') && raw && typeof raw === 'object') {
    const byPath: Record<string, string> = {};
    const other: string[] = [];
    for (const [key, message] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof message !== 'string') continue;
      const target = targetOf(key, targets);
      if (target && !byPath[target]) byPath[target] = messageOf(key, target, message);
      else other.push(`${key}: ${message}`);
    }
    if (Object.keys(byPath).length === 0 && other.length === 0) other.push(first.message);
    return { byPath, form: other.length ? other.join(' ') : undefined };
  }
  return { byPath: {}, form: errorMessage(error) };
}

/** Errors without those under a path (after the user changed it). */
export function withoutErrors(errors: RuleErrors, prefix: string): RuleErrors {
  const byPath: Record<string, string> = {};
  let changed = false;
  for (const [path, message] of Object.entries(errors.byPath)) {
    if (path === prefix || path.startsWith(`${prefix}.`)) changed = true;
    else byPath[path] = message;
  }
  return changed ? { ...errors, byPath } : errors;
}

/** "Step 2 › then 1: …" for a step path, for messages shown away from the editor. */
export function describePath(path: string): string {
  const parts = path.split('.');
  if (parts[0] !== 'steps' || parts.length < 2) return path;
  const words: string[] = [];
  let rest: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    const n = Number(parts[i]);
    if (Number.isInteger(n) && (i === 1 || parts[i - 1] === 'then' || parts[i - 1] === 'else')) {
      words.push(i === 1 ? `Step ${n + 1}` : `${parts[i - 1]} ${n + 1}`);
      rest = parts.slice(i + 1);
    }
  }
  const tail = rest.filter((p) => !['branch', 'then', 'else', 'action', 'wait'].includes(p)).join('.');
  return tail ? `${words.join(' › ')} (${tail})` : words.join(' › ');
}

/** One sentence for a rule's problem outside the editor (switching it on, adding a recipe). */
export function ruleProblem(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  const raw = first?.extensions?.fields;
  if (raw && typeof raw === 'object') {
    const entries = Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (entries.length > 0) {
      return entries
        .map(([key, message]) => {
          const text = message.charAt(0).toUpperCase() + message.slice(1);
          if (key === 'recipe' || key === 'name' || key === 'id') return text;
          return `${describePath(key)}: ${message}`;
        })
        .join(' ');
    }
  }
  return errorMessage(error);
}

/** A run or dry-run step's path ("2", "2.branch.then.0", counted from 0) for people: "Step 3 › then 1". */
export function stepPathLabel(path: string): string {
  const full = path.includes('branch') ? path : path.replace(/\.(then|else)\./g, '.branch.$1.');
  return describePath(`steps.${full}`);
}
