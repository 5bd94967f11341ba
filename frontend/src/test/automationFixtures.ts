/** GraphQL answers shared by the automation page tests. */

export const spec = (name: string, label: string, over: Record<string, unknown> = {}) => ({
  __typename: 'ConnectorField',
  name,
  label,
  type: 'TEXT',
  required: false,
  help: '',
  pattern: '',
  patternHelp: '',
  options: [],
  default: '',
  min: null,
  max: null,
  maxLength: 0,
  ...over,
});

export const workspaceHeader = {
  data: { workspace: { __typename: 'Workspace', id: 'w1', name: 'Acme Store', archivedAt: null, timeZone: 'UTC' } },
};

export const editorData = {
  data: {
    triggerEvents: [
      {
        __typename: 'TriggerEvent',
        type: 'order.created',
        derived: false,
        connectors: [{ __typename: 'Connector', slug: 'shopify', name: 'Shopify' }],
      },
      { __typename: 'TriggerEvent', type: 'checkout.abandoned', derived: true, connectors: [] },
    ],
    connectors: [
      {
        __typename: 'Connector',
        slug: 'smtp',
        name: 'Email (SMTP)',
        category: 'MESSAGING',
        actions: [
          {
            __typename: 'ConnectorAction',
            name: 'send_email',
            summary: 'Send an email',
            marketing: true,
            input: [
              spec('to', 'To', { type: 'EMAIL', required: true }),
              spec('subject', 'Subject', { required: true, maxLength: 250 }),
              spec('html', 'HTML body'),
              spec('text', 'Text body'),
            ],
          },
        ],
      },
      {
        __typename: 'Connector',
        slug: 'shopify',
        name: 'Shopify',
        category: 'STORE',
        actions: [
          {
            __typename: 'ConnectorAction',
            name: 'tag_customer',
            summary: 'Add tags to a customer',
            marketing: false,
            input: [spec('customerId', 'Customer', { required: true }), spec('tags', 'Tags', { type: 'LIST', required: true })],
          },
          {
            __typename: 'ConnectorAction',
            name: 'create_discount_code',
            summary: 'Create a single-use discount code',
            marketing: false,
            input: [spec('percentage', 'Percent off', { type: 'NUMBER', required: true })],
          },
        ],
      },
    ],
    connections: [
      { __typename: 'Connection', id: 'conn-mail', name: 'Mail', status: 'ACTIVE', connector: { __typename: 'Connector', slug: 'smtp', name: 'Email (SMTP)' } },
      { __typename: 'Connection', id: 'conn-shop', name: 'Shopify', status: 'ACTIVE', connector: { __typename: 'Connector', slug: 'shopify', name: 'Shopify' } },
    ],
  },
};

const email = (subject: string) => ({
  kind: 'action',
  action: { connector: 'smtp', action: 'send_email', connectionId: 'conn-mail', input: { to: '{{order.email}}', subject } },
});

export const savedRule = {
  __typename: 'Rule',
  id: 'r1',
  name: 'Thank-you emails',
  enabled: false,
  recipe: null,
  version: 3,
  condition: null,
  exitCondition: null,
  marketing: false,
  steps: [email('Thanks for order {{order.number}}'), email('Your {{ordr.number}} receipt')],
  updatedAt: '2026-03-04T10:00:00Z',
  trigger: { __typename: 'RuleTrigger', event: 'order.created', delayMinutes: null, connection: null },
};

export const validationFailed = (fields: Record<string, string>) => ({
  data: null,
  errors: [{ message: 'invalid input', extensions: { code: 'VALIDATION_FAILED', fields } }],
});

export const runRow = (over: Record<string, unknown> = {}) => ({
  __typename: 'Run',
  id: 'run-1',
  status: 'SUCCEEDED',
  version: 1,
  startedAt: '2026-03-04T10:00:00Z',
  updatedAt: '2026-03-04T10:00:02Z',
  finishedAt: '2026-03-04T10:00:02Z',
  waitingUntil: null,
  error: null,
  rule: { __typename: 'Rule', id: 'r1', name: 'Order confirmation' },
  event: { __typename: 'Event', id: 'e1', type: 'order.created', occurredAt: '2026-03-04T09:59:59Z' },
  customer: { __typename: 'Customer', id: 'cu1', email: 'ada@example.com' },
  ...over,
});
