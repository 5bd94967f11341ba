/**
 * A rule's steps as the editor holds them, and as the API takes them (Rule.steps in
 * automation.graphqls): {kind: "action", action: {connector, action, connectionId, input}},
 * {kind: "wait", wait: {duration, untilTime, weekdays}} or {kind: "branch", branch: {if, then, else}}.
 */

export interface ActionDraft {
  connector: string;
  action: string;
  /** The connection's global id; empty until chosen. */
  connectionId: string;
  /** Templates by input field name. */
  input: Record<string, string>;
}

export interface WaitDraft {
  duration: string;
  untilTime: string;
  weekdays: string[];
}

export interface BranchDraft {
  if: string;
  then: StepDraft[];
  else: StepDraft[];
}

/** `key` only tells React which step is which while steps move; it is never sent. */
export type StepDraft =
  | { key: string; kind: 'action'; action: ActionDraft }
  | { key: string; kind: 'wait'; wait: WaitDraft }
  | { key: string; kind: 'branch'; branch: BranchDraft };

export type StepKind = StepDraft['kind'];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

let keys = 0;
function nextKey(): string {
  keys += 1;
  return `step-${keys}`;
}

export function newStep(kind: StepKind): StepDraft {
  switch (kind) {
    case 'action':
      return { key: nextKey(), kind, action: { connector: '', action: '', connectionId: '', input: {} } };
    case 'wait':
      return { key: nextKey(), kind, wait: { duration: '1h', untilTime: '', weekdays: [] } };
    case 'branch':
      return { key: nextKey(), kind, branch: { if: '', then: [], else: [] } };
  }
}

// ---- To the API ----

export type StepJson =
  | { kind: 'action'; action: { connector: string; action: string; connectionId: string; input: Record<string, string> } }
  | { kind: 'wait'; wait: { duration?: string; untilTime?: string; weekdays?: string[] } }
  | { kind: 'branch'; branch: { if: string; then: StepJson[]; else: StepJson[] } };

/** The JSON the API takes: no editor keys, no empty inputs, waits without unset parts. */
export function stepsToJson(steps: readonly StepDraft[]): StepJson[] {
  return steps.map(stepToJson);
}

function stepToJson(step: StepDraft): StepJson {
  switch (step.kind) {
    case 'action': {
      const { connector, action, connectionId, input } = step.action;
      const kept: Record<string, string> = {};
      for (const [name, value] of Object.entries(input)) if (value.trim() !== '') kept[name] = value;
      return { kind: 'action', action: { connector, action, connectionId, input: kept } };
    }
    case 'wait': {
      const wait: { duration?: string; untilTime?: string; weekdays?: string[] } = {};
      if (step.wait.duration.trim()) wait.duration = step.wait.duration.trim();
      if (step.wait.untilTime.trim()) wait.untilTime = step.wait.untilTime.trim();
      if (step.wait.weekdays.length) wait.weekdays = WEEKDAYS.filter((d) => step.wait.weekdays.includes(d));
      return { kind: 'wait', wait };
    }
    case 'branch':
      return {
        kind: 'branch',
        branch: { if: step.branch.if, then: stepsToJson(step.branch.then), else: stepsToJson(step.branch.else) },
      };
  }
}

// ---- From the API ----

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads Rule.steps into editor drafts; whatever is not understood is left out. */
export function stepsFromJson(json: unknown): StepDraft[] {
  if (!Array.isArray(json)) return [];
  const out: StepDraft[] = [];
  for (const raw of json) {
    const step = record(raw);
    if (step.kind === 'action') {
      const a = record(step.action);
      const input: Record<string, string> = {};
      for (const [name, value] of Object.entries(record(a.input))) input[name] = text(value);
      out.push({
        key: nextKey(),
        kind: 'action',
        action: { connector: text(a.connector), action: text(a.action), connectionId: text(a.connectionId), input },
      });
    } else if (step.kind === 'wait') {
      const w = record(step.wait);
      const weekdays = Array.isArray(w.weekdays) ? w.weekdays.filter((d): d is string => typeof d === 'string') : [];
      out.push({ key: nextKey(), kind: 'wait', wait: { duration: text(w.duration), untilTime: text(w.untilTime), weekdays } });
    } else if (step.kind === 'branch') {
      const b = record(step.branch);
      out.push({
        key: nextKey(),
        kind: 'branch',
        branch: { if: text(b.if), then: stepsFromJson(b.then), else: stepsFromJson(b.else) },
      });
    }
  }
  return out;
}

// ---- Editing ----

/** The list with the item at `index` moved by `by` places (kept in bounds). */
export function move<T>(list: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

/** Which steps there are, in which order and nesting: changes when steps are added, moved or deleted. */
export function stepsShape(steps: readonly StepDraft[]): string {
  return steps
    .map((s) => (s.kind === 'branch' ? `${s.key}(${stepsShape(s.branch.then)}|${stepsShape(s.branch.else)})` : s.key))
    .join(',');
}

/** "2", "3 then 1", "3 else 2 then 1": a step's number for people, from its place. */
export function stepLabel(parent: string, index: number, list: 'then' | 'else' | null): string {
  return list ? `${parent} ${list} ${index + 1}` : `${index + 1}`;
}
