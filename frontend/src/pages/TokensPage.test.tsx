import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { setWideScreen } from '../test/media';
import { renderPage, stubGraphQL } from '../test/render';
import { TokensPage } from './TokensPage';

const token = (id: string, name: string, revokedAt: string | null) => ({
  __typename: 'ApiTokenEdge',
  node: {
    __typename: 'ApiToken',
    id,
    name,
    prefix: `sbt_${id}`,
    access: 'READ_WRITE',
    workspace: null,
    createdBy: { __typename: 'User', id: 'u1', name: 'Olivia Owner' },
    createdAt: '2026-03-04T10:00:00Z',
    lastUsedAt: null,
    revokedAt,
  },
});

describe('TokensPage on a phone', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
  });

  it('shows each token as a card, revoked ones marked and without a Revoke button', async () => {
    restore = setWideScreen(false);
    stubGraphQL({
      data: {
        apiTokens: {
          __typename: 'ApiTokenConnection',
          totalCount: 2,
          edges: [token('t1', 'ERP sync', null), token('t2', 'Old script', '2026-03-05T10:00:00Z')],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c2' },
        },
      },
    });
    renderPage(
      <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
        <TokensPage />
      </AgencyContext.Provider>,
      '/agencies/a1/tokens',
    );

    const active = await screen.findByRole('listitem', { name: 'ERP sync' });
    expect(within(active).getByRole('button', { name: 'Revoke ERP sync' })).toBeInTheDocument();
    expect(within(active).getByText('Read & write')).toBeInTheDocument();
    expect(within(active).getByText('Whole agency')).toBeInTheDocument();
    expect(within(active).queryByText('Revoked')).not.toBeInTheDocument();

    const revoked = screen.getByRole('listitem', { name: 'Old script' });
    expect(within(revoked).getAllByText('Revoked')).toHaveLength(2); // the badge and the date's label
    expect(within(revoked).queryByRole('button')).not.toBeInTheDocument();
  });
});
