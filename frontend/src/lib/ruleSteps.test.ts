import { describe, expect, it } from 'vitest';
import { move, newStep, stepsFromJson, stepsShape, stepsToJson, type StepDraft } from './ruleSteps';

const saved = [
  {
    kind: 'action',
    action: { connector: 'smtp', action: 'send_email', connectionId: 'Q29ubmVjdGlvbjox', input: { to: '{{order.email}}', subject: 'Hi' } },
  },
  { kind: 'wait', wait: { duration: '24h', untilTime: '09:00', weekdays: ['mon', 'fri'] } },
  {
    kind: 'branch',
    branch: {
      if: 'customer.phone != ""',
      then: [
        {
          kind: 'branch',
          branch: { if: 'order.total > 80', then: [{ kind: 'wait', wait: { duration: '3d' } }], else: [] },
        },
      ],
      else: [{ kind: 'action', action: { connector: 'twilio', action: 'send_sms', connectionId: 'c2', input: { body: 'x' } } }],
    },
  },
];

describe('rule steps', () => {
  it('reads saved steps and writes them back unchanged, nested branches included', () => {
    const drafts = stepsFromJson(saved);
    expect(drafts.map((d) => d.kind)).toEqual(['action', 'wait', 'branch']);
    expect(stepsToJson(drafts)).toEqual(saved);
  });

  it('leaves out empty inputs and unset wait parts, and sends weekdays in week order', () => {
    const action = newStep('action') as Extract<StepDraft, { kind: 'action' }>;
    action.action = { connector: 'smtp', action: 'send_email', connectionId: 'c1', input: { to: 'a@b.c', html: '  ', text: '' } };
    const wait = newStep('wait') as Extract<StepDraft, { kind: 'wait' }>;
    wait.wait = { duration: ' 30m ', untilTime: '', weekdays: ['sun', 'mon'] };
    const branch = newStep('branch');
    expect(stepsToJson([action, wait, branch])).toEqual([
      { kind: 'action', action: { connector: 'smtp', action: 'send_email', connectionId: 'c1', input: { to: 'a@b.c' } } },
      { kind: 'wait', wait: { duration: '30m', weekdays: ['mon', 'sun'] } },
      { kind: 'branch', branch: { if: '', then: [], else: [] } },
    ]);
  });

  it('ignores what it does not understand', () => {
    expect(stepsFromJson(null)).toEqual([]);
    expect(stepsFromJson([{ kind: 'teleport' }, 'x'])).toEqual([]);
  });

  it('moves a step within bounds and notices when steps move', () => {
    const steps = stepsFromJson(saved);
    const moved = move(steps, 0, 1);
    expect(moved.map((s) => s.kind)).toEqual(['wait', 'action', 'branch']);
    expect(move(steps, 0, -1).map((s) => s.kind)).toEqual(['action', 'wait', 'branch']);
    expect(stepsShape(moved)).not.toBe(stepsShape(steps));
    expect(stepsShape([...steps])).toBe(stepsShape(steps));
  });
});
