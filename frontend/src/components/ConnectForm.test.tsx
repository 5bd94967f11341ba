import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldSpec } from '../lib/connectorForm';
import { browserLocation } from '../lib/connectors';
import { renderPage, stubOperations } from '../test/render';
import { ConnectForm, type ConnectFormConnector } from './ConnectForm';

function spec(over: Partial<FieldSpec> & Pick<FieldSpec, 'name' | 'label' | 'type'>): FieldSpec {
  return { required: false, help: '', pattern: '', patternHelp: '', options: [], default: '', min: null, max: null, maxLength: 0, ...over };
}

const smtp: ConnectFormConnector = {
  slug: 'smtp',
  name: 'Email (SMTP)',
  category: 'MESSAGING',
  auth: { kind: 'BASIC', scopes: [] },
  fields: [
    spec({ name: 'host', label: 'Host', type: 'HOST', required: true, maxLength: 253 }),
    spec({ name: 'port', label: 'Port', type: 'NUMBER', required: true, default: '587', min: 1, max: 65535 }),
    spec({ name: 'tls', label: 'TLS', type: 'SELECT', required: true, default: 'starttls', options: ['starttls', 'tls', 'none'], help: 'How to encrypt' }),
    spec({ name: 'password', label: 'Password', type: 'SECRET' }),
    spec({ name: 'from', label: 'Sender address', type: 'EMAIL', required: true }),
    spec({ name: 'dkim', label: 'Sign with DKIM', type: 'BOOLEAN' }),
  ],
  actions: [{ input: [{ type: 'EMAIL', required: true }] }],
};

const shopify: ConnectFormConnector = {
  slug: 'shopify',
  name: 'Shopify',
  category: 'STORE',
  auth: { kind: 'OAUTH2', scopes: ['read_orders', 'write_customers'] },
  fields: [
    spec({
      name: 'shop',
      label: 'Shop domain',
      type: 'TEXT',
      required: true,
      pattern: '[a-z0-9][a-z0-9-]*\\.myshopify\\.com',
      patternHelp: 'must be a shop domain like acme.myshopify.com',
    }),
  ],
  actions: [],
};

const viewer = {
  data: { viewer: { __typename: 'Viewer', user: { __typename: 'User', id: 'u1', email: 'olga@example.com' } } },
};

function renderForm(connector: ConnectFormConnector, onConnected = vi.fn()) {
  renderPage(<ConnectForm workspaceId="w1" connector={connector} onConnected={onConnected} />, '/connect');
  return onConnected;
}

describe('ConnectForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('generates an input per field, with defaults, required marks and help', async () => {
    stubOperations({ ConnectViewer: viewer });
    renderForm(smtp);
    const host = screen.getByRole('textbox', { name: /^Host/ });
    expect(host).toBeRequired();
    expect(host).toHaveAttribute('maxlength', '253');
    expect(screen.getByLabelText(/^Port/)).toHaveValue('587');
    expect(screen.getAllByLabelText(/^TLS/).find((e) => e.tagName === 'INPUT')).toHaveValue('starttls');
    expect(screen.getByText('How to encrypt')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText(/^Sender address/)).toHaveAttribute('type', 'email');
    expect(screen.getByRole('switch', { name: 'Sign with DKIM' })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Connection name' })).not.toBeRequired();
    expect(await screen.findByText(/We'll send a test message to olga@example.com/)).toBeInTheDocument();
  });

  it('checks values before sending, then sends them as values and reports the new connection', async () => {
    const calls = stubOperations({
      ConnectViewer: viewer,
      CreateConnection: {
        data: {
          createConnection: { __typename: 'Connection', id: 'c9', name: 'Mail', status: 'ACTIVE', lastCheckedAt: null },
        },
      },
    });
    const onConnected = renderForm(smtp);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText('Host is required.')).toBeInTheDocument();
    expect(screen.getByText('Sender address is required.')).toBeInTheDocument();
    expect(calls.some((c) => c.operationName === 'CreateConnection')).toBe(false);

    await user.type(screen.getByRole('textbox', { name: /^Host/ }), ' smtp.example.com ');
    await user.type(screen.getByLabelText(/^Sender address/), 'shop@example.com');
    await user.type(screen.getByLabelText('Password'), 's3cret');
    await user.click(screen.getByRole('switch', { name: 'Sign with DKIM' }));
    await user.type(screen.getByRole('textbox', { name: 'Connection name' }), 'Mail');
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    await waitFor(() => expect(onConnected).toHaveBeenCalledWith('c9'));
    const sent = calls.find((c) => c.operationName === 'CreateConnection');
    expect(sent?.variables).toEqual({
      input: {
        workspaceId: 'w1',
        connector: 'smtp',
        name: 'Mail',
        values: [
          { name: 'host', value: 'smtp.example.com' },
          { name: 'port', value: '587' },
          { name: 'tls', value: 'starttls' },
          { name: 'password', value: 's3cret' },
          { name: 'from', value: 'shop@example.com' },
          { name: 'dkim', value: 'true' },
        ],
      },
    });
  });

  it('shows values.<field> errors under their inputs and the rest in an alert', async () => {
    stubOperations({
      ConnectViewer: viewer,
      CreateConnection: {
        data: null,
        errors: [
          {
            message: 'host: connection refused',
            extensions: {
              code: 'VALIDATION_FAILED',
              fields: { 'values.host': 'could not reach the server', connector: 'is busy' },
            },
          },
        ],
      },
    });
    const onConnected = renderForm(smtp);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: /^Host/ }), 'smtp.example.com');
    await user.type(screen.getByLabelText(/^Sender address/), 'shop@example.com');
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    expect(await screen.findByText('Could not reach the server')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Host/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Is busy');
    expect(onConnected).not.toHaveBeenCalled();
  });

  it('OAuth: shows the scopes, starts the connection and sends the browser to the provider', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const calls = stubOperations({
      StartConnection: {
        data: { startConnection: { __typename: 'StartConnectionPayload', authorizeUrl: 'https://acme.myshopify.com/admin/oauth/authorize?state=s' } },
      },
    });
    renderForm(shopify);
    const user = userEvent.setup();
    expect(screen.getByRole('list', { name: 'Scopes' })).toHaveTextContent('read_orderswrite_customers');

    await user.type(screen.getByRole('textbox', { name: /^Shop domain/ }), 'https://acme.myshopify.com');
    await user.click(screen.getByRole('button', { name: 'Continue to Shopify' }));
    expect(screen.getByText('Shop domain must be a shop domain like acme.myshopify.com')).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: /^Shop domain/ }));
    await user.type(screen.getByRole('textbox', { name: /^Shop domain/ }), 'acme.myshopify.com');
    await user.click(screen.getByRole('button', { name: 'Continue to Shopify' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://acme.myshopify.com/admin/oauth/authorize?state=s'));
    expect(calls.find((c) => c.operationName === 'StartConnection')?.variables).toEqual({
      input: { workspaceId: 'w1', connector: 'shopify', values: [{ name: 'shop', value: 'acme.myshopify.com' }] },
    });
    expect(calls.some((c) => c.operationName === 'ConnectViewer')).toBe(false);
  });
});
