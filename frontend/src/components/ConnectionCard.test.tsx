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
  values: [{ name: 'shop', value: 'acme.myshopify.com' }],
  connector: { slug: 'shopify', name: 'Shopify', category: 'STORE' },
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
