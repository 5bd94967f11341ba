/** GraphQL answers shared by the inventory page tests. */

const connector = (slug: string, name: string) => ({ __typename: 'Connector', slug, name });

export const shopify = { __typename: 'Connection', id: 'conn-shop', name: 'Shopify Demo' };
export const woo = { __typename: 'Connection', id: 'conn-woo', name: 'WooCommerce Demo' };

export const storeConnection = (ref: { id: string; name: string }, slug: string, name: string, status = 'ACTIVE') => ({
  __typename: 'Connection',
  ...ref,
  status,
  connector: connector(slug, name),
});

export const mailConnection = {
  __typename: 'Connection',
  id: 'conn-mail',
  name: 'Mail',
  status: 'ACTIVE',
  connector: connector('smtp', 'Email (SMTP)'),
};

export const reconciliation = (over: Record<string, unknown> = {}) => ({
  __typename: 'InventoryReconciliation',
  id: 'rec-1',
  reason: 'POLICY',
  status: 'SUCCEEDED',
  skus: 12,
  repaired: 3,
  error: null,
  startedAt: '2026-03-04T10:00:00Z',
  finishedAt: '2026-03-04T10:00:04Z',
  ...over,
});

/** A policy: off and never saved by default. */
export const policy = (over: Record<string, unknown> = {}) => ({
  __typename: 'InventoryPolicy',
  enabled: false,
  reconcileCron: '0 3 * * *',
  nextReconcileAt: null,
  sourceOfTruth: null,
  channels: [],
  lastReconciliation: null,
  ...over,
});

export const enabledPolicy = (over: Record<string, unknown> = {}) =>
  policy({
    enabled: true,
    sourceOfTruth: shopify,
    channels: [
      { ...shopify, connector: connector('shopify', 'Shopify') },
      { ...woo, connector: connector('woocommerce', 'WooCommerce') },
    ],
    nextReconcileAt: '2026-03-05T03:00:00Z',
    lastReconciliation: reconciliation(),
    ...over,
  });

export const level = (channel: { id: string; name: string }, available: number, over: Record<string, unknown> = {}) => ({
  __typename: 'InventoryLevel',
  channel: { __typename: 'Connection', id: channel.id, name: channel.name },
  available,
  inSync: true,
  error: null,
  updatedAt: '2026-03-04T10:00:04Z',
  ...over,
});

export const item = (sku: string, title: string, available: number, levels: unknown[], over: Record<string, unknown> = {}) => ({
  __typename: 'InventoryItem',
  id: `item-${sku}`,
  sku,
  title,
  available,
  drift: false,
  updatedAt: '2026-03-04T10:00:04Z',
  levels,
  ...over,
});

export const items = (list: unknown[], totalCount = list.length) => ({
  data: { inventoryItems: { __typename: 'InventoryItemList', totalCount, items: list } },
});

export const adjustment = (over: Record<string, unknown> = {}) => ({
  __typename: 'InventoryAdjustment',
  id: 'adj-1',
  sku: 'woo-hoodie',
  channel: shopify,
  cause: 'ORDER',
  reference: 'Order #1001',
  before: 25,
  after: 24,
  delta: -1,
  oversold: 0,
  createdAt: '2026-03-04T10:05:00Z',
  ...over,
});

export const adjustments = (list: unknown[], totalCount = list.length) => ({
  data: { inventoryAdjustments: { __typename: 'InventoryAdjustmentList', totalCount, items: list } },
});
