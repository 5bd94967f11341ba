/** GraphQL answers shared by the sync page tests. */

export const syncRun = (over: Record<string, unknown> = {}) => ({
  __typename: 'SyncRun',
  id: 'sr-1',
  mappingVersion: 2,
  mode: 'INCREMENTAL',
  reason: 'MANUAL',
  status: 'RUNNING',
  pages: 3,
  recordsRead: 1234,
  recordsWritten: 1200,
  recordsFailed: 4,
  recordsTotal: 5000,
  recordsPerSecond: 812.4,
  etaSeconds: 6,
  error: null,
  startedAt: '2026-03-04T10:00:00Z',
  updatedAt: '2026-03-04T10:00:02Z',
  finishedAt: null,
  sync: { __typename: 'Sync', id: 's1' },
  ...over,
});

const connectionRef = (id: string, name: string) => ({ __typename: 'Connection', id, name });

export const syncMapping = {
  __typename: 'Mapping',
  id: 'm1',
  name: 'Customers to HubSpot',
  version: 2,
  sourceEntity: 'customer',
  targetEntity: 'contact',
  sourceConnection: connectionRef('conn-shop', 'Acme Shopify'),
  targetConnection: connectionRef('conn-crm', 'Sales HubSpot'),
};

export const syncRow = (over: Record<string, unknown> = {}) => ({
  __typename: 'Sync',
  id: 's1',
  name: 'Customers every 15 min',
  intervalMinutes: 15,
  cron: '',
  onEvents: true,
  enabled: true,
  mapping: syncMapping,
  activeRun: null,
  runs: [],
  ...over,
});

export const mappingRow = (over: Record<string, unknown> = {}) => ({
  ...syncMapping,
  syncs: [{ __typename: 'Sync', id: 's1', name: 'Customers every 15 min' }],
  ...over,
});

const field = (name: string, label: string, required = false, type = 'TEXT') => ({ __typename: 'ConnectorField', name, label, type, required });

export const mappingConnections = {
  data: {
    connections: [
      {
        __typename: 'Connection',
        id: 'conn-shop',
        name: 'Acme Shopify',
        status: 'ACTIVE',
        connector: {
          __typename: 'Connector',
          slug: 'shopify',
          name: 'Shopify',
          entities: [
            {
              __typename: 'ConnectorEntity',
              name: 'customer',
              read: true,
              write: false,
              fields: [field('email', 'Email'), field('firstName', 'First name'), field('phone', 'Phone'), field('tags', 'Tags', false, 'LIST')],
            },
          ],
        },
      },
      {
        __typename: 'Connection',
        id: 'conn-crm',
        name: 'Sales HubSpot',
        status: 'ACTIVE',
        connector: {
          __typename: 'Connector',
          slug: 'hubspot',
          name: 'HubSpot',
          entities: [
            {
              __typename: 'ConnectorEntity',
              name: 'contact',
              read: true,
              write: true,
              fields: [field('Email', 'Email', true, 'EMAIL'), field('firstname', 'First name'), field('phone', 'Phone', true)],
            },
          ],
        },
      },
      {
        __typename: 'Connection',
        id: 'conn-mail',
        name: 'Mail',
        status: 'ACTIVE',
        connector: { __typename: 'Connector', slug: 'smtp', name: 'Email (SMTP)', entities: [] },
      },
    ],
  },
};
