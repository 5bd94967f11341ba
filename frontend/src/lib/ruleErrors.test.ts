import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorTargets, ruleErrors, ruleProblem, stepPathLabel, targetOf } from './ruleErrors';
import { stepsFromJson } from './ruleSteps';

const invalid = (fields: Record<string, string>) =>
  new CombinedError({
    graphQLErrors: [new GraphQLError('invalid', { extensions: { code: 'VALIDATION_FAILED', fields } })],
  });

const steps = stepsFromJson([
  { kind: 'action', action: { connector: 'smtp', action: 'send_email', connectionId: 'c1', input: {} } },
  {
    kind: 'branch',
    branch: { if: 'true', then: [{ kind: 'wait', wait: { duration: '1h' } }], else: [] },
  },
]);
const inputsOf = (connector: string) => (connector === 'smtp' ? ['to', 'subject', 'html', 'text'] : undefined);

describe('ruleErrors', () => {
  const targets = errorTargets(steps, inputsOf, false);

  it('puts each problem under the input its path names', () => {
    const errors = ruleErrors(
      invalid({
        name: 'is required',
        'steps.0.action.input.subject': '{{ordr.number}} is not a known variable',
        'steps.1.branch.then.0.wait.duration': 'must be a duration like 30m',
        'steps.1.branch.if': 'expected bool',
      }),
      targets,
    );
    expect(errors.byPath).toEqual({
      name: 'Is required',
      'steps.0.action.input.subject': '{{ordr.number}} is not a known variable',
      'steps.1.branch.then.0.wait.duration': 'Must be a duration like 30m',
      'steps.1.branch.if': 'Expected bool',
    });
    expect(errors.form).toBeUndefined();
  });

  it('shows problems of parts without an input on their step, and the rest in the alert', () => {
    const errors = ruleErrors(
      invalid({ 'steps.0.action.connector': 'no connector is named "fax"', 'steps.1.branch.then.0.wait.weekdays.2': 'must be one of mon…', eventId: 'no such event' }),
      targets,
    );
    expect(errors.byPath['steps.0']).toBe('action.connector: no connector is named "fax"');
    expect(errors.byPath['steps.1.branch.then.0.wait.weekdays']).toBe('Must be one of mon…');
    expect(errors.form).toBe('eventId: no such event');
  });

  it('finds the deepest target', () => {
    expect(targetOf('steps.1.branch.then.0.wait.duration', targets)).toBe('steps.1.branch.then.0.wait.duration');
    expect(targetOf('steps.7.kind', targets)).toBe('steps');
    expect(targetOf('recipe', targets)).toBeUndefined();
  });

  it('says which step a problem is about, for people', () => {
    expect(ruleProblem(invalid({ 'steps.0.action.connectionId': 'is not a Email (SMTP) connection of this workspace' }))).toBe(
      'Step 1 (connectionId): is not a Email (SMTP) connection of this workspace',
    );
    expect(ruleProblem(invalid({ recipe: 'connect Email (SMTP) to this workspace first' }))).toBe(
      'Connect Email (SMTP) to this workspace first',
    );
    expect(stepPathLabel('2.branch.then.0')).toBe('Step 3 › then 1');
    expect(stepPathLabel('0')).toBe('Step 1');
  });
});
