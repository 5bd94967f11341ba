import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { editorData, savedRule, validationFailed, workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { RuleEditorPage } from './RuleEditorPage';

const PATH = '/agencies/:agencyId/workspaces/:workspaceId/rules/:ruleId';

function renderEditor(ruleId: string) {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <RuleEditorPage />
    </AgencyContext.Provider>,
    `/agencies/a1/workspaces/w1/rules/${ruleId}`,
    vi.fn(),
    ruleId === 'new' ? '/agencies/:agencyId/workspaces/:workspaceId/rules/new' : PATH,
  );
}

// Queries by label: role queries are slow on a form this size.
const region = (name: string) => screen.getByLabelText(name, { selector: 'section' });
const input = (scope: HTMLElement, label: string | RegExp) => within(scope).getByLabelText(label, { selector: 'input, textarea' });
const button = (scope: HTMLElement, name: string) => within(scope).getByLabelText(name, { selector: 'button' });

/** Sets an input's value in one change, as pasting would. */
const fill = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

/** Opens a Mantine Select and picks an option. */
async function choose(user: ReturnType<typeof userEvent.setup>, scope: HTMLElement, label: string | RegExp, option: string) {
  const select = input(scope, label);
  await user.click(select);
  const listbox = await waitFor(() => {
    const found = document.getElementById(select.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error(`no options for ${String(label)}`);
    return found;
  });
  const choice = within(listbox)
    .getAllByText(option)
    .find((el) => el.closest('[role="option"]'));
  if (!choice) throw new Error(`no option ${option}`);
  await user.click(choice);
}

describe('RuleEditorPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows a saved rule with its version and puts each server problem under the input its path names', async () => {
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      RuleEditorData: editorData,
      RuleEditorRule: { data: { node: savedRule } },
      UpdateRule: validationFailed({
        'steps.1.action.input.subject': '{{ordr.number}} is not a known variable (line 1, column 6)',
        recipe: 'something no input shows',
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderEditor('r1');

    expect(await screen.findByText('Version 3')).toBeInTheDocument();
    expect(screen.getByText(/runs in progress keep the version they started with/)).toBeInTheDocument();
    const first = region('Step 1');
    const second = region('Step 2');
    expect(input(second, /^Subject/)).toHaveValue('Your {{ordr.number}} receipt');

    await user.click(screen.getByText('Save').closest('button')!);

    const subject = input(second, /^Subject/);
    await waitFor(() => expect(subject).toHaveAttribute('aria-invalid', 'true'));
    expect(subject).toHaveAccessibleDescription(/\{\{ordr\.number\}\} is not a known variable \(line 1, column 6\)/);
    expect(input(first, /^Subject/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(input(second, /^To/)).not.toHaveAttribute('aria-invalid', 'true');
    // What no input shows goes to the alert.
    expect(screen.getByRole('alert', { name: /Could not save/ })).toHaveTextContent('recipe: something no input shows');

    const sent = calls.find((c) => c.operationName === 'UpdateRule');
    expect(sent?.variables.id).toBe('r1');

    // Fixing the input clears its problem.
    fill(subject, 'Your receipt');
    expect(subject).not.toHaveAttribute('aria-invalid', 'true');
  }, 20_000);

  it('builds the steps JSON from actions, waits and nested branches', async () => {
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      RuleEditorData: editorData,
      CreateRule: { data: { createRule: { ...savedRule, id: 'r9', version: 1 } } },
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderEditor('new');
    const form = await screen.findByLabelText('Rule', { selector: 'form' });

    fill(input(form, /^Name/), 'VIP flow');
    await choose(user, form, /^Trigger event/, 'order.created — Shopify');

    // 1: an email.
    await user.click(button(document.body, 'Add action to the rule'));
    const step1 = region('Step 1');
    await choose(user, step1, /^Connection/, 'Mail (Email (SMTP))');
    // The connector has one action: it is chosen, and its inputs appear.
    expect(input(step1, /^Action/)).toHaveValue('Send an email');
    fill(input(step1, /^To/), '{{order.email}}');
    fill(input(step1, /^Subject/), 'Thanks');
    expect(input(step1, 'HTML body')).toBeInTheDocument();

    // 2: a wait until Monday 09:00.
    await user.click(button(document.body, 'Add wait to the rule'));
    const step2 = region('Step 2');
    const duration = input(step2, /^Wait for/);
    fill(duration, '24h');
    fill(input(step2, /^Then until/), '09:00');
    await user.click(input(step2, 'Mon'));

    // 3: a branch: then tag the customer and branch again; else wait.
    await user.click(button(document.body, 'Add branch to the rule'));
    const step3 = region('Step 3');
    fill(input(step3, /^If/), 'order.total > 80');
    await user.click(button(step3, 'Add action to Then of step 3'));
    const then1 = region('Step 3 then 1');
    await choose(user, then1, /^Connection/, 'Shopify');
    await choose(user, then1, /^Action/, 'Add tags to a customer');
    fill(input(then1, /^Customer/), '{{customer.external_id}}');
    fill(input(then1, /^Tags/), 'VIP');
    await user.click(button(step3, 'Add branch to Then of step 3'));
    const then2 = region('Step 3 then 2');
    fill(input(then2, /^If/), 'customer.sms_consent');
    await user.click(button(then2, 'Add wait to Else of step 3 then 2'));
    await user.click(button(step3, 'Add wait to Else of step 3'));
    const else1 = region('Step 3 else 1');
    const elseWait = input(else1, /^Wait for/);
    fill(elseWait, '3d');

    // Move the wait above the email, then back.
    await user.click(button(step2, 'Move step 2 up'));
    await user.click(button(document.body, 'Move step 1 down'));

    await user.click(screen.getByText('Save').closest('button')!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/rules/r9'));

    const sent = calls.find((c) => c.operationName === 'CreateRule');
    expect(sent?.variables).toEqual({
      workspaceId: 'w1',
      input: {
        name: 'VIP flow',
        trigger: { event: 'order.created' },
        condition: null,
        exitCondition: null,
        marketing: false,
        steps: [
          {
            kind: 'action',
            action: { connector: 'smtp', action: 'send_email', connectionId: 'conn-mail', input: { to: '{{order.email}}', subject: 'Thanks' } },
          },
          { kind: 'wait', wait: { duration: '24h', untilTime: '09:00', weekdays: ['mon'] } },
          {
            kind: 'branch',
            branch: {
              if: 'order.total > 80',
              then: [
                {
                  kind: 'action',
                  action: {
                    connector: 'shopify',
                    action: 'tag_customer',
                    connectionId: 'conn-shop',
                    input: { customerId: '{{customer.external_id}}', tags: 'VIP' },
                  },
                },
                {
                  kind: 'branch',
                  branch: { if: 'customer.sms_consent', then: [], else: [{ kind: 'wait', wait: { duration: '1h' } }] },
                },
              ],
              else: [{ kind: 'wait', wait: { duration: '3d' } }],
            },
          },
        ],
      },
    });
  }, 30_000);

  it('backtests the saved version over a range of days and shows what would have happened', async () => {
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      RuleEditorData: editorData,
      RuleEditorRule: { data: { node: savedRule } },
      BacktestRule: {
        data: {
          backtestRule: {
            __typename: 'BacktestResult',
            events: 120,
            wouldStart: 80,
            wouldFinish: 70,
            wouldExit: 10,
            stepsReached: [
              { __typename: 'StepCount', path: '0', count: 80 },
              { __typename: 'StepCount', path: '1', count: 72 },
            ],
            truncated: true,
          },
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderEditor('r1');

    const section = await screen.findByLabelText('Backtest', { selector: 'section' });
    expect(section).toHaveTextContent(/current saved version \(version 3\).*no side effects/);
    expect(within(section).queryByText(/unsaved changes/)).not.toBeInTheDocument();
    fill(input(section, 'From'), '2026-03-01');
    fill(input(section, 'To'), '2026-03-31');

    // Unsaved changes are not backtested: a hint says so.
    fill(input(region('Name and trigger'), /^Name/), 'Renamed');
    expect(within(section).getByText(/the backtest uses the saved version/)).toBeInTheDocument();

    await user.click(within(section).getByText('Run backtest').closest('button')!);

    expect(
      await within(section).findByText('120 events · 80 runs would start · 70 would finish · 10 would stop at the exit condition'),
    ).toBeInTheDocument();
    const table = within(section).getByRole('table', { name: 'Steps reached' });
    expect(within(table).getByText('Step 1').closest('tr')).toHaveTextContent('80');
    expect(within(table).getByText('Step 2').closest('tr')).toHaveTextContent('72');
    expect(within(section).getByText(/more events in these days than one backtest replays/)).toBeInTheDocument();

    const sent = calls.find((c) => c.operationName === 'BacktestRule');
    expect(sent?.variables).toEqual({
      id: 'r1',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 3, 1).toISOString(),
    });
  }, 20_000);

  it('shows why a backtest could not run', async () => {
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      RuleEditorData: editorData,
      RuleEditorRule: { data: { node: savedRule } },
      BacktestRule: { data: null, errors: [{ message: 'Something broke', extensions: { code: 'INTERNAL', requestId: 'req-7' } }] },
    });
    const user = userEvent.setup({ delay: null });
    renderEditor('r1');

    const section = await screen.findByLabelText('Backtest', { selector: 'section' });
    await user.click(within(section).getByText('Run backtest').closest('button')!);
    expect(await within(section).findByRole('alert')).toHaveTextContent('Something went wrong (request id req-7).');
  }, 20_000);

  it('has no backtest for a new rule', async () => {
    stubOperations({ WorkspaceHeader: workspaceHeader, RuleEditorData: editorData });
    renderEditor('new');
    await screen.findByLabelText('Rule', { selector: 'form' });
    expect(screen.queryByLabelText('Backtest', { selector: 'section' })).not.toBeInTheDocument();
  });
});
