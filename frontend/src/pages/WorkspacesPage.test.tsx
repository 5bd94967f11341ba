import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../gql/graphql';
import { AgencyContext } from '../lib/agency';
import { setWideScreen } from '../test/media';
import { renderPage, stubGraphQL } from '../test/render';
import { WorkspacesPage } from './WorkspacesPage';

const workspace = (id: string, name: string, archivedAt: string | null = null) => ({
  __typename: 'WorkspaceEdge',
  node: { __typename: 'Workspace', id, name, createdAt: '2026-03-04T10:00:00Z', archivedAt },
});

const page = {
  data: {
    workspaces: {
      __typename: 'WorkspaceConnection',
      totalCount: 3,
      edges: [workspace('w1', 'Acme Store'), workspace('w2', 'Old Shop', '2026-03-05T10:00:00Z')],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'c2' },
    },
  },
};

function renderAs(role: Role) {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role, membershipId: 'm1' }}>
      <WorkspacesPage />
    </AgencyContext.Provider>,
    '/agencies/a1',
  );
}

describe('WorkspacesPage', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
  });

  it('shows stacked cards with their actions on phones', async () => {
    restore = setWideScreen(false);
    stubGraphQL(page);
    renderAs('OWNER');

    const list = await screen.findByRole('list', { name: 'Workspaces' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const acme = within(list).getByRole('listitem', { name: 'Acme Store' });
    expect(within(acme).getByText('Active')).toBeInTheDocument();
    expect(within(acme).getByText('Created')).toBeInTheDocument();
    const old = within(list).getByRole('listitem', { name: 'Old Shop' });
    expect(within(old).getByText('Archived')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Load more' })).toBeInTheDocument();

    // The menu itself is Mantine's (and covered by the browser tests); here it must be on the card.
    expect(within(acme).getByRole('button', { name: 'Actions for Acme Store' })).toHaveAttribute('aria-haspopup', 'menu');
    expect(within(old).getByRole('button', { name: 'Actions for Old Shop' })).toBeInTheDocument();
  });

  it('keeps the table on wide screens', async () => {
    restore = setWideScreen(true);
    stubGraphQL(page);
    renderAs('OWNER');

    const table = await screen.findByRole('table', { name: 'Workspaces' });
    expect(screen.queryByRole('list', { name: 'Workspaces' })).not.toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Status' })).toBeInTheDocument();
    const row = (await within(table).findByRole('cell', { name: 'Acme Store' })).closest('tr')!;
    expect(within(row).getByRole('button', { name: 'Actions for Acme Store' })).toBeInTheDocument();
  });

  it('offers no actions to viewers', async () => {
    restore = setWideScreen(false);
    stubGraphQL(page);
    renderAs('VIEWER');

    expect(await screen.findByRole('listitem', { name: 'Acme Store' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create workspace' })).not.toBeInTheDocument();
  });
});
