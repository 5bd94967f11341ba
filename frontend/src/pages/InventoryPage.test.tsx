import { Notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { validationFailed, workspaceHeader } from '../test/automationFixtures';
import {
  adjustment,
  adjustments,
  enabledPolicy,
  item,
  items,
  level,
  mailConnection,
  policy,
  reconciliation,
  shopify,
  storeConnection,
  woo,
} from '../test/inventoryFixtures';
import { setWideScreen } from '../test/media';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { InventoryPage } from './InventoryPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const PAGE = '/agencies/a1/workspaces/w1/inventory';

function renderInventory(url = PAGE, role: 'MEMBER' | 'VIEWER' = 'MEMBER') {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role, membershipId: 'm1' }}>
      <Notifications />
      <InventoryPage />
    </AgencyContext.Provider>,
    url,
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/inventory',
  );
}

const stores = {
  data: {
    connections: [
      storeConnection(shopify, 'shopify', 'Shopify'),
      mailConnection,
      storeConnection(woo, 'woocommerce', 'WooCommerce'),
    ],
  },
};

/** One SKU equal everywhere, one on its way, one failing in WooCommerce, one Shopify does not sell. */
const stock = items([
  item('woo-hoodie', 'Hoodie', 25, [level(shopify, 25), level(woo, 25)]),
  item('woo-cap', 'Cap', 5, [level(shopify, 7, { inSync: false }), level(woo, 5)], { drift: true }),
  item('woo-belt', 'Belt', 12, [level(shopify, 12), level(woo, 9, { inSync: false, error: 'WooCommerce answered 503' })], {
    drift: true,
  }),
  item('woo-album', 'Album', 4, [level(woo, 4)]),
]);

const stockRow = (sku: string) => screen.getByLabelText(sku, { selector: 'tr' });
const cell = (sku: string, channel: string) => {
  const found = stockRow(sku).querySelector<HTMLElement>(`td[data-channel="${channel}"]`);
  if (!found) throw new Error(`no ${channel} cell for ${sku}`);
  return found;
};
const count = (calls: { operationName: string }[], name: string) => calls.filter((c) => c.operationName === name).length;

describe('InventoryPage', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    resetSubscriptions();
    vi.unstubAllGlobals();
  });

  it('explains inventory sync when it is off, and asks for a second store when there is one', async () => {
    restore = setWideScreen(true);
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: { data: { inventoryPolicy: policy() } },
      InventoryChannels: { data: { connections: [storeConnection(shopify, 'shopify', 'Shopify'), mailConnection] } },
      InventoryItems: items([]),
      InventoryAdjustments: adjustments([]),
    });
    renderInventory();

    const card = await screen.findByRole('region', { name: 'Inventory sync' });
    expect(card).toHaveTextContent('An order in one store lowers stock in the others within seconds; nightly reconciliation repairs drift.');
    expect(within(card).getByText('Off')).toBeInTheDocument();
    const note = await within(card).findByRole('note');
    expect(note).toHaveTextContent('this workspace has only Shopify Demo');
    expect(within(note).getByRole('link', { name: 'Connect a second store' })).toHaveAttribute('href', '/agencies/a1/workspaces/w1');
    expect(within(card).queryByRole('button', { name: 'Save policy' })).toBeNull();

    // Nothing to reconcile yet; the lists say what will fill them.
    expect(screen.queryByRole('region', { name: 'Reconciliation' })).toBeNull();
    expect(await screen.findByText('No products matched yet')).toBeInTheDocument();
    expect(screen.getByText(/Save the policy or reconcile to match products by SKU/)).toBeInTheDocument();
    expect(await screen.findByText('No adjustments yet')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Inventory' })).toHaveAttribute('aria-selected', 'true');
  });

  it('saves the policy with the chosen stores, shows the server’s field errors, then the summary', async () => {
    restore = setWideScreen(true);
    let current = policy();
    let saves = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: () => ({ data: { inventoryPolicy: current } }),
      InventoryChannels: stores,
      InventoryItems: items([]),
      InventoryAdjustments: adjustments([]),
      SetInventoryPolicy: () => {
        if (++saves === 1) return validationFailed({ reconcileCron: 'is not a cron expression: expected 5 fields' });
        current = enabledPolicy({
          lastReconciliation: reconciliation({ status: 'RUNNING', finishedAt: null, skus: 0, repaired: 0 }),
        });
        return { data: { setInventoryPolicy: current } };
      },
    });
    const user = userEvent.setup();
    renderInventory();

    const form = await screen.findByRole('form', { name: 'Inventory policy' });
    // Only stores can be channels.
    expect(within(form).getAllByRole('checkbox')).toHaveLength(2);
    expect(within(form).queryByRole('checkbox', { name: 'Mail' })).toBeNull();
    const cron = within(form).getByRole('textbox', { name: /Reconcile schedule/ });
    expect(cron).toHaveValue('0 3 * * *');
    expect(form).toHaveTextContent("03:00 every night in the store's time zone (UTC).");
    expect(within(form).getByRole('switch', { name: /Enabled/ })).toBeChecked();

    // One store is not enough.
    await user.click(within(form).getByRole('checkbox', { name: 'WooCommerce Demo' }));
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await within(form).findByText('Choose at least two stores to keep equal.')).toBeInTheDocument();
    expect(count(calls, 'SetInventoryPolicy')).toBe(0);

    await user.click(within(form).getByRole('checkbox', { name: 'Shopify Demo' }));
    // The first store chosen became the source of truth; pick Shopify instead.
    const source = within(form).getByLabelText(/Source of truth/, { selector: 'input' });
    expect(source).toHaveValue('WooCommerce Demo');
    await user.click(source);
    await user.click(await screen.findByRole('option', { name: 'Shopify Demo' }));
    expect(source).toHaveValue('Shopify Demo');
    await user.clear(cron);
    await user.type(cron, '0 3 * *');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await within(form).findByText('Reconcile schedule is not a cron expression: expected 5 fields')).toBeInTheDocument();

    await user.clear(cron);
    await user.type(cron, '30 2 * * *');
    expect(form).toHaveTextContent("02:30 every night in the store's time zone (UTC).");
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Inventory policy saved')).toBeInTheDocument();
    const card = screen.getByRole('region', { name: 'Inventory sync' });
    await waitFor(() => expect(within(card).getByTestId('inventory-channels')).toHaveTextContent('Shopify Demo ⇄ WooCommerce Demo'));
    expect(card).toHaveTextContent('Source of truth');
    expect(card).toHaveTextContent('Shopify Demo');
    expect(card).toHaveTextContent('Next reconciliation');
    expect(within(card).queryByRole('form')).toBeNull();
    const bar = await screen.findByRole('region', { name: 'Reconciliation' });
    expect(within(bar).getByText('Running')).toBeInTheDocument();
    expect(within(bar).getByRole('button', { name: 'Reconcile now' })).toBeDisabled();

    expect(calls.filter((c) => c.operationName === 'SetInventoryPolicy').map((c) => c.variables)).toEqual([
      {
        workspaceId: 'w1',
        input: { enabled: true, channelIds: ['conn-shop', 'conn-woo'], sourceOfTruthId: 'conn-shop', reconcileCron: '0 3 * *' },
      },
      {
        workspaceId: 'w1',
        input: { enabled: true, channelIds: ['conn-shop', 'conn-woo'], sourceOfTruthId: 'conn-shop', reconcileCron: '30 2 * * *' },
      },
    ]);
  });

  it('shows each channel’s stock: drift highlighted, failures in red, SKUs a channel does not sell', async () => {
    restore = setWideScreen(true);
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: { data: { inventoryPolicy: enabledPolicy() } },
      InventoryItems: stock,
      InventoryAdjustments: adjustments([]),
    });
    const user = userEvent.setup();
    renderInventory();

    const table = await screen.findByRole('table', { name: 'Stock' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'SKU',
      'Title',
      'Switchboard stock',
      'Shopify Demo',
      'WooCommerce Demo',
      'Actions',
    ]);

    const hoodie = stockRow('woo-hoodie');
    expect(within(hoodie).queryByText('Drift')).toBeNull();
    expect(cell('woo-hoodie', 'Shopify Demo')).toHaveAttribute('data-state', 'ok');
    expect(cell('woo-hoodie', 'Shopify Demo')).toHaveTextContent(/^25$/);

    // Shopify still shows 7 while the hub has 5: orange, and says so.
    expect(within(stockRow('woo-cap')).getByText('Drift')).toBeInTheDocument();
    const drifting = cell('woo-cap', 'Shopify Demo');
    expect(drifting).toHaveAttribute('data-state', 'drift');
    expect(drifting).toHaveStyle({ background: 'var(--mantine-color-orange-light)' });
    expect(drifting).toHaveTextContent('Shopify Demo shows 7, updating to 5');
    await user.hover(drifting.firstElementChild as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Shopify Demo shows 7, updating to 5');
    expect(cell('woo-cap', 'WooCommerce Demo')).toHaveAttribute('data-state', 'ok');

    // A failed update shows its error in red.
    const failed = cell('woo-belt', 'WooCommerce Demo');
    expect(failed).toHaveAttribute('data-state', 'error');
    expect(within(failed).getByText('Could not update WooCommerce Demo: WooCommerce answered 503')).toBeInTheDocument();

    // Shopify does not sell the album.
    const missing = cell('woo-album', 'Shopify Demo');
    expect(missing).toHaveAttribute('data-state', 'missing');
    expect(missing).toHaveTextContent('—Not sold in this channel');
    expect(screen.getByText('1–4 of 4 SKUs')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Reconciliation' })).getByText('12 SKUs seen · 3 levels repaired')).toBeInTheDocument();
  });

  it('searches, shows drift only, and pages through SKUs on the server', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: { data: { inventoryPolicy: enabledPolicy() } },
      InventoryItems: (v) => (v.driftOnly ? items([], 0) : items(stock.data.inventoryItems.items, 234)),
      InventoryAdjustments: adjustments([]),
    });
    const user = userEvent.setup();
    renderInventory();

    await screen.findByRole('table', { name: 'Stock' });
    expect(screen.getByText('1–4 of 234 SKUs')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '2' }));
    await waitFor(() => expect(calls.filter((c) => c.operationName === 'InventoryItems').at(-1)?.variables).toMatchObject({ offset: 100 }));

    await user.type(screen.getByRole('searchbox', { name: 'Search by SKU or title' }), 'hood');
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'InventoryItems').at(-1)?.variables).toEqual({
        workspaceId: 'w1',
        search: 'hood',
        driftOnly: false,
        first: 100,
        offset: 0,
      }),
    );
    await user.click(screen.getByRole('switch', { name: 'Drift only' }));
    expect(await screen.findByText('No SKUs match')).toBeInTheDocument();
    expect(calls.filter((c) => c.operationName === 'InventoryItems').at(-1)?.variables).toMatchObject({ search: 'hood', driftOnly: true });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'InventoryItems').at(-1)?.variables).toMatchObject({ search: null, driftOnly: false }),
    );
  });

  it('lists adjustments with their causes, oversold in red, and narrows them to a SKU', async () => {
    restore = setWideScreen(true);
    const all = [
      adjustment({ id: 'a1', sku: 'woo-cap', cause: 'ORDER', reference: 'Order #1002', before: 1, after: 0, delta: -1, oversold: 2 }),
      adjustment({ id: 'a2', sku: 'woo-cap', cause: 'MANUAL', channel: null, reference: 'sandy@example.com', before: 5, after: 8, delta: 3 }),
      adjustment({ id: 'a3', sku: 'woo-hoodie', cause: 'RECONCILIATION', channel: woo, reference: 'Reconciliation', before: 20, after: 25, delta: 5 }),
    ];
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: { data: { inventoryPolicy: enabledPolicy() } },
      InventoryItems: stock,
      InventoryAdjustments: (v) => adjustments(v.sku ? all.filter((a) => a.sku === v.sku) : all, v.sku ? 2 : 120),
    });
    const user = userEvent.setup();
    const { router } = renderInventory();

    const list = await screen.findByRole('table', { name: 'Recent adjustments' });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Order #1002');
    expect(rows[0]).toHaveTextContent('1 → 0 (−1)');
    expect(within(rows[0]).getByText('Oversold 2')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Order').closest('[data-cause]')).toHaveAttribute('data-cause', 'ORDER');
    expect(rows[1]).toHaveTextContent('Switchboard');
    expect(rows[1]).toHaveTextContent('5 → 8 (+3)');
    expect(within(rows[1]).getByText('Manual')).toBeInTheDocument();
    expect(within(rows[1]).queryByText(/Oversold/)).toBeNull();
    expect(rows[2].querySelector('[data-cause="RECONCILIATION"]')).toHaveTextContent('Reconciliation');
    expect(rows[2]).toHaveTextContent('WooCommerce Demo');
    expect(screen.getByText('The newest 3 of 120.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show adjustments of woo-cap' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent adjustments' })).getAllByRole('row')).toHaveLength(3));
    expect(router.state.location.search).toBe('?sku=woo-cap');
    expect(screen.getByRole('button', { name: 'Show adjustments of woo-cap' })).toHaveAttribute('aria-pressed', 'true');
    expect(calls.filter((c) => c.operationName === 'InventoryAdjustments').at(-1)?.variables).toEqual({
      workspaceId: 'w1',
      sku: 'woo-cap',
      first: 50,
    });

    await user.click(screen.getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent adjustments' })).getAllByRole('row')).toHaveLength(4));
    expect(router.state.location.search).toBe('');
  });

  it('checks the stock typed before setting it, then sets it', async () => {
    restore = setWideScreen(true);
    let tries = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: { data: { inventoryPolicy: enabledPolicy() } },
      InventoryItems: stock,
      InventoryAdjustments: adjustments([]),
      SetInventoryAvailable: (v) =>
        ++tries === 1
          ? { data: null, errors: [{ message: 'inventory sync is off in this workspace', extensions: { code: 'CONFLICT' } }] }
          : {
              data: {
                setInventoryAvailable: item('woo-cap', 'Cap', v.available as number, [level(shopify, 7, { inSync: false }), level(woo, 5, { inSync: false })], {
                  drift: true,
                }),
              },
            },
    });
    const user = userEvent.setup();
    renderInventory();

    await screen.findByRole('table', { name: 'Stock' });
    await user.click(within(stockRow('woo-cap')).getByRole('button', { name: 'Set stock of woo-cap' }));
    const input = within(stockRow('woo-cap')).getByRole('textbox', { name: 'New stock of woo-cap' });
    expect(input).toHaveValue('5');
    const save = within(stockRow('woo-cap')).getByRole('button', { name: 'Save stock of woo-cap' });

    await user.clear(input);
    await user.type(input, '-1');
    await user.click(save);
    expect(await within(stockRow('woo-cap')).findByText('Stock must be a whole number from 0 to 1,000,000.')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '1000001');
    await user.click(save);
    expect(await within(stockRow('woo-cap')).findByText('Stock must be a whole number from 0 to 1,000,000.')).toBeInTheDocument();
    await user.clear(input);
    await user.click(save);
    expect(await within(stockRow('woo-cap')).findByText('Stock must be a whole number from 0 to 1,000,000.')).toBeInTheDocument();
    expect(count(calls, 'SetInventoryAvailable')).toBe(0);

    // The server's reason shows under the input.
    await user.type(input, '3');
    await user.click(save);
    expect(await within(stockRow('woo-cap')).findByText('inventory sync is off in this workspace')).toBeInTheDocument();
    await user.click(save);
    expect(await screen.findByText('woo-cap: stock set to 3; every channel follows.')).toBeInTheDocument();
    expect(within(stockRow('woo-cap')).queryByRole('textbox', { name: 'New stock of woo-cap' })).toBeNull();
    expect(calls.filter((c) => c.operationName === 'SetInventoryAvailable').map((c) => c.variables)).toEqual([
      { workspaceId: 'w1', sku: 'woo-cap', available: 3 },
      { workspaceId: 'w1', sku: 'woo-cap', available: 3 },
    ]);
  });

  it('is live: an inventory change reloads the policy, the stock and the adjustments', async () => {
    restore = setWideScreen(true);
    let shopifyCap = 7;
    let status = 'RUNNING';
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: () => ({
        data: {
          inventoryPolicy: enabledPolicy({
            lastReconciliation: reconciliation({ status, finishedAt: status === 'RUNNING' ? null : '2026-03-04T10:00:09Z' }),
          }),
        },
      }),
      InventoryItems: () =>
        items([item('woo-cap', 'Cap', 5, [level(shopify, shopifyCap, { inSync: shopifyCap === 5 }), level(woo, 5)], { drift: shopifyCap !== 5 })]),
      InventoryAdjustments: adjustments([]),
    });
    renderInventory();

    await screen.findByRole('table', { name: 'Stock' });
    expect(within(screen.getByRole('region', { name: 'Reconciliation' })).getByRole('button', { name: 'Reconcile now' })).toBeDisabled();
    expect(cell('woo-cap', 'Shopify Demo')).toHaveAttribute('data-state', 'drift');
    await waitFor(() => expect(subscribed('InventoryUpdated')).toEqual([{ workspaceId: 'w1' }]));
    const before = { policy: count(calls, 'InventoryPolicy'), items: count(calls, 'InventoryItems'), adjustments: count(calls, 'InventoryAdjustments') };

    shopifyCap = 5;
    status = 'SUCCEEDED';
    act(() =>
      emit('InventoryUpdated', {
        inventoryUpdated: {
          __typename: 'InventoryUpdate',
          item: { __typename: 'InventoryItem', id: 'item-woo-cap', sku: 'woo-cap' },
          adjustment: null,
          reconciliation: { __typename: 'InventoryReconciliation', id: 'rec-1', status: 'SUCCEEDED' },
        },
      }),
    );
    await waitFor(() => expect(cell('woo-cap', 'Shopify Demo')).toHaveAttribute('data-state', 'ok'));
    expect(stockRow('woo-cap')).not.toHaveTextContent('Drift');
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Reconciliation' })).getByText('Succeeded')).toBeInTheDocument());
    expect(within(screen.getByRole('region', { name: 'Reconciliation' })).getByRole('button', { name: 'Reconcile now' })).toBeEnabled();
    expect(count(calls, 'InventoryPolicy')).toBeGreaterThan(before.policy);
    expect(count(calls, 'InventoryItems')).toBeGreaterThan(before.items);
    expect(count(calls, 'InventoryAdjustments')).toBeGreaterThan(before.adjustments);
  });

  it('reconciles now, and says why when the server refuses', async () => {
    restore = setWideScreen(true);
    let tries = 0;
    let last = reconciliation();
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: () => ({ data: { inventoryPolicy: enabledPolicy({ lastReconciliation: last }) } }),
      InventoryItems: stock,
      InventoryAdjustments: adjustments([]),
      ReconcileInventory: () => {
        if (++tries === 1) return { data: null, errors: [{ message: 'a reconciliation is running already', extensions: { code: 'CONFLICT' } }] };
        last = reconciliation({ id: 'rec-2', reason: 'MANUAL', status: 'RUNNING', finishedAt: null, skus: 0, repaired: 0 });
        return { data: { reconcileInventory: last } };
      },
    });
    const user = userEvent.setup();
    renderInventory();

    const bar = await screen.findByRole('region', { name: 'Reconciliation' });
    expect(bar).toHaveTextContent('Policy saved');
    expect(within(bar).getByText('Succeeded')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Reconcile now' }));
    expect(await screen.findByText('a reconciliation is running already')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Reconcile now' }));
    await waitFor(() => expect(within(bar).getByText('Running')).toBeInTheDocument());
    expect(bar).toHaveTextContent('Started by hand');
    expect(within(bar).getByRole('button', { name: 'Reconcile now' })).toBeDisabled();
    expect(calls.filter((c) => c.operationName === 'ReconcileInventory').map((c) => c.variables)).toEqual([
      { workspaceId: 'w1' },
      { workspaceId: 'w1' },
    ]);
  });

  it('shows a load error with a way to try again', async () => {
    let fails = true;
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      InventoryPolicy: () =>
        fails ? { data: null, errors: [{ message: 'the database is away', extensions: { code: 'UNAVAILABLE' } }] } : { data: { inventoryPolicy: policy() } },
      InventoryChannels: stores,
      InventoryItems: items([]),
      InventoryAdjustments: adjustments([]),
    });
    const user = userEvent.setup();
    renderInventory();

    expect(await screen.findByText('the database is away')).toBeInTheDocument();
    fails = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Inventory policy' })).toBeInTheDocument();
  });
});
