import type { RuleInput } from '../gql/graphql';
import { delayFromDisplay, delayToDisplay } from './automation';
import { stepsFromJson, stepsToJson, type StepDraft } from './ruleSteps';

/** A rule as the editor holds it. */
export interface RuleDraft {
  name: string;
  event: string;
  /** Only this connection's events (its global id); empty for any. */
  connectionId: string;
  /** delayMinutes as the form shows it: minutes, or days for customer.inactive. */
  delay: string;
  condition: string;
  exitCondition: string;
  marketing: boolean;
  steps: StepDraft[];
}

/** What the editor needs of a saved Rule. */
export interface SavedRule {
  name: string;
  trigger: { event: string; delayMinutes?: number | null; connection?: { id: string } | null };
  condition?: string | null;
  exitCondition?: string | null;
  marketing: boolean;
  steps: unknown;
}

export function emptyDraft(): RuleDraft {
  return { name: '', event: '', connectionId: '', delay: '', condition: '', exitCondition: '', marketing: false, steps: [] };
}

export function draftFromRule(rule: SavedRule): RuleDraft {
  return {
    name: rule.name,
    event: rule.trigger.event,
    connectionId: rule.trigger.connection?.id ?? '',
    delay: delayToDisplay(rule.trigger.event, rule.trigger.delayMinutes),
    condition: rule.condition ?? '',
    exitCondition: rule.exitCondition ?? '',
    marketing: rule.marketing,
    steps: stepsFromJson(rule.steps),
  };
}

/** The RuleInput of createRule, updateRule and testRule. */
export function ruleInput(draft: RuleDraft): RuleInput {
  const delayMinutes = delayFromDisplay(draft.event, draft.delay);
  return {
    name: draft.name.trim(),
    trigger: {
      event: draft.event,
      ...(draft.connectionId ? { connectionId: draft.connectionId } : {}),
      ...(delayMinutes !== undefined ? { delayMinutes } : {}),
    },
    condition: draft.condition.trim() || null,
    exitCondition: draft.exitCondition.trim() || null,
    marketing: draft.marketing,
    steps: stepsToJson(draft.steps),
  };
}

/** Whether two drafts would save the same rule. */
export function sameRule(a: RuleDraft, b: RuleDraft): boolean {
  return JSON.stringify(ruleInput(a)) === JSON.stringify(ruleInput(b));
}
