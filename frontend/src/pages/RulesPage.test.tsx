import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { validationFailed, workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { RulesPage } from './RulesPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const connector = (slug: string, name: string, category: string) => ({ __typename: 'Connector', slug, name, category });

const recipes = {
  data: {
    recipes: [
      {
        __typename: 'Recipe',
        slug: 'order-confirmation',
        name: 'Order confirmation',
        summary: 'Email the customer their order the moment it is placed.',
        marketing: false,
        needs: [connector('smtp', 'Email (SMTP)', 'MESSAGING')],
      },
      {
        __typename: 'Recipe',
        slug: 'cart-recovery',
        name: 'Abandoned cart recovery',
        summary: 'Reminders with a discount.',
        marketing: true,
        needs: [connector('smtp', 'Email (SMTP)', 'MESSAGING'), connector('shopify', 'Shopify', 'STORE')],
      },
    ],
    connections: [{ __typename: 'Connection', id: 'c1', status: 'ACTIVE', connector: { __typename: 'Connector', slug: 'shopify' } }],
  },
};

const rule = {
  __typename: 'Rule',
  id: 'r1',
  name: 'Order confirmation',
  enabled: false,
  recipe: 'order-confirmation',
  version: 2,
  marketing: false,
  updatedAt: '2026-03-04T10:00:00Z',
  trigger: { __typename: 'RuleTrigger', event: 'order.created', delayMinutes: null, connection: null },
};

function renderRules() {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <RulesPage />
    </AgencyContext.Provider>,
    '/agencies/a1/workspaces/w1/rules',
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/rules',
  );
}

describe('RulesPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetSubscriptions();
  });

  it('is live: a rule made elsewhere appears without a reload', async () => {
    let rules = [rule];
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      Rules: () => ({ data: { rules } }),
      Recipes: recipes,
    });
    renderRules();
    expect(await screen.findByText('Order confirmation', { selector: 'a' })).toBeInTheDocument();
    await waitFor(() => expect(subscribed('RuleUpdated')).toEqual([{ workspaceId: 'w1' }]));

    const made = { ...rule, id: 'r2', name: 'Shipping notice', recipe: 'shipping-notice' };
    rules = [rule, made];
    act(() => emit('RuleUpdated', { ruleUpdated: made }));
    expect(await screen.findByText('Shipping notice', { selector: 'a' })).toBeInTheDocument();
    expect(calls.filter((c) => c.operationName === 'Rules').length).toBeGreaterThanOrEqual(2);
  });

  it('points an empty list to the recipes; a recipe the workspace cannot run says why, one it can opens in the editor', async () => {
    let adds = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      Rules: { data: { rules: [] } },
      Recipes: recipes,
      AddRecipe: () =>
        ++adds === 1
          ? validationFailed({ recipe: 'connect Email (SMTP) to this workspace first: the recipe uses it' })
          : { data: { addRecipe: { __typename: 'Rule', id: 'r7', name: 'Order confirmation', version: 1 } } },
    });
    const user = userEvent.setup();
    const { router } = renderRules();

    expect(await screen.findByText('No rules yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Browse recipes' })).toBeInTheDocument();
    const card = await screen.findByRole('article', { name: 'Order confirmation' });
    expect(within(card).getByText('Email (SMTP)')).toBeInTheDocument();
    expect(within(card).queryByText('Marketing')).toBeNull();
    const cart = screen.getByRole('article', { name: 'Abandoned cart recovery' });
    expect(within(cart).getByText('Marketing')).toBeInTheDocument();
    expect(within(cart).getByLabelText('connected')).toBeInTheDocument(); // Shopify is connected

    await user.click(within(card).getByRole('button', { name: 'Add Order confirmation' }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Connect Email (SMTP) to this workspace first: the recipe uses it');
    expect(within(alert).getByRole('link', { name: 'Connect Email (SMTP)' })).toHaveAttribute(
      'href',
      '/agencies/a1/workspaces/w1/marketplace/smtp',
    );
    expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/rules');

    // Once connected, adding works and opens the new rule.
    await user.click(within(card).getByRole('button', { name: 'Add Order confirmation' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/rules/r7'));
    expect(calls.filter((c) => c.operationName === 'AddRecipe').map((c) => c.variables)).toEqual([
      { workspaceId: 'w1', recipe: 'order-confirmation' },
      { workspaceId: 'w1', recipe: 'order-confirmation' },
    ]);
  });

  it('switches a rule on at once, and back with the server’s reason when it refuses', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const refused = new Promise((resolve) => (answer = resolve));
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      Rules: { data: { rules: [rule] } },
      Recipes: recipes,
      SetRuleEnabled: validationFailed({ 'steps.0.action.connectionId': 'is not a Email (SMTP) connection of this workspace' }),
    });
    // Hold the answer back to see the switch flip before it arrives.
    const fetchMock = vi.mocked(globalThis.fetch);
    const answered = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (url, init) => {
      if (String(init?.body).includes('SetRuleEnabled')) await refused;
      return answered(url, init);
    });
    const user = userEvent.setup();
    renderRules();

    const toggle = await screen.findByRole('switch', { name: 'Order confirmation on' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(toggle).toBeChecked();
    answer(null);
    await waitFor(() => expect(toggle).not.toBeChecked());
  });

  it('shows the store’s time zone and changes it, with the server’s reason under the field when it refuses', async () => {
    let tries = 0;
    let timeZone = 'UTC';
    const calls = stubOperations({
      WorkspaceHeader: () => ({ data: { workspace: { ...workspaceHeader.data.workspace, timeZone } } }),
      Rules: { data: { rules: [rule] } },
      Recipes: recipes,
      SetWorkspaceTimeZone: (v) => {
        if (++tries === 1) {
          return validationFailed({ timeZone: 'must be an IANA time zone name such as Europe/Paris or America/New_York' });
        }
        timeZone = (v.input as { timeZone: string }).timeZone;
        return { data: { setWorkspaceTimeZone: { __typename: 'Workspace', id: 'w1', timeZone } } };
      },
    });
    const user = userEvent.setup();
    renderRules();

    expect(await screen.findByTestId('store-time-zone')).toHaveTextContent('UTC');
    await user.click(screen.getByRole('button', { name: 'Change' }));
    const select = screen.getByRole('combobox', { name: 'Store time zone' });
    await user.clear(select);
    await user.type(select, 'Europe/Par');
    await user.click(await screen.findByRole('option', { name: 'Europe/Paris' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/must be an IANA time zone name/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('store-time-zone')).toHaveTextContent('Europe/Paris'));
    expect(calls.filter((c) => c.operationName === 'SetWorkspaceTimeZone').map((c) => c.variables)).toEqual([
      { input: { id: 'w1', timeZone: 'Europe/Paris' } },
      { input: { id: 'w1', timeZone: 'Europe/Paris' } },
    ]);
  });
});
