import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionRowFragment } from '../gql/graphql';
import { accountOf, ConnectionCard } from './ConnectionCard';

const shopify: ConnectionRowFragment = {
  id: 'c1',
  name: 'Shopify',
  status: 'ACTIVE',
  sandbox: true,
  lastError: null,
  lastCheckedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  webhookUrl: null,
  values: [{ name: 'shop', value: 'acme.myshopify.com' }],
  connector: { slug: 'shopify', name: 'Shopify', category: 'STORE', auth: { kind: 'OAUTH2' } },
};

function renderCard(connection: ConnectionRowFragment) {
  return render(
    <MantineProvider>
      <ConnectionCard connection={connection} highlighted={false} />
    </MantineProvider>,
  );
}

describe('ConnectionCard', () => {
  it('names what the connection is connected to and labels the sandbox', () => {
    renderCard(shopify);
    const card = screen.getByRole('article', { name: 'Shopify' });
    expect(card).toHaveTextContent('acme.myshopify.com');
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
  });

  it('adds the connector when the connection is named otherwise', () => {
    renderCard({ ...shopify, name: 'Main shop', sandbox: false });
    expect(screen.getByText('Shopify · acme.myshopify.com')).toBeInTheDocument();
    expect(screen.queryByText('Sandbox')).toBeNull();
  });

  it('shows where the provider sends webhooks, to copy into its dashboard', () => {
    renderCard({
      ...shopify,
      name: 'EasyPost',
      connector: { slug: 'easypost', name: 'EasyPost', category: 'CARRIER', auth: { kind: 'API_KEY' } },
      webhookUrl: 'https://hub.example.com/webhooks/easypost/c1',
    });
    expect(screen.getByText('https://hub.example.com/webhooks/easypost/c1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy webhook url' })).toBeInTheDocument();
    expect(screen.getByText(/Where EasyPost sends events: paste this into EasyPost's webhook settings\./)).toBeInTheDocument();
  });

  it('shows no webhook URL for connectors that receive none', () => {
    renderCard(shopify);
    expect(screen.queryByText('Webhook URL')).toBeNull();
  });

  it('says the hub registered the webhook URL itself for OAuth connections', () => {
    renderCard({ ...shopify, webhookUrl: 'https://hub.example.com/webhooks/shopify/c1' });
    expect(screen.getByText(/Where Shopify sends events: Switchboard registered it with Shopify/)).toBeInTheDocument();
    expect(screen.queryByText(/paste this/)).toBeNull();
  });

  it('takes the first value that is set; secrets have none', () => {
    expect(
      accountOf({
        values: [
          { name: 'password', value: null },
          { name: 'host', value: '' },
          { name: 'from', value: 'shop@example.com' },
        ],
      }),
    ).toBe('shop@example.com');
    expect(accountOf({ values: [] })).toBeUndefined();
  });
});
