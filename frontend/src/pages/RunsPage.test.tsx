import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { setWideScreen } from '../test/media';
import { runRow, workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { RunsPage } from './RunsPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const page = {
  data: {
    runs: {
      __typename: 'RunConnection',
      totalCount: 1,
      edges: [{ __typename: 'RunEdge', node: runRow() }],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
    },
  },
};

function renderRuns() {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <RunsPage />
    </AgencyContext.Provider>,
    '/agencies/a1/workspaces/w1/runs',
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/runs',
  );
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Runs' }))
    .getAllByRole('row')
    .slice(1); // the header

describe('RunsPage', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    resetSubscriptions();
    vi.unstubAllGlobals();
  });

  it('puts a run the subscription reports on top, and updates a listed run in place', async () => {
    restore = setWideScreen(true);
    stubOperations({
      WorkspaceHeader: workspaceHeader,
      RunRuleNames: { data: { rules: [{ __typename: 'Rule', id: 'r1', name: 'Order confirmation' }] } },
      Runs: page,
    });
    renderRuns();

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('ada@example.com');
    expect(within(rows()[0]).getByText('Succeeded')).toBeInTheDocument();
    await waitFor(() => expect(subscribed('RunUpdated')).toEqual([{ workspaceId: 'w1' }]));

    // A new order: a run starts.
    const started = runRow({
      id: 'run-2',
      status: 'RUNNING',
      startedAt: '2026-03-04T11:00:00Z',
      updatedAt: '2026-03-04T11:00:00Z',
      finishedAt: null,
      customer: { __typename: 'Customer', id: 'cu2', email: 'bob@example.com' },
    });
    act(() => emit('RunUpdated', { runUpdated: started }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent('bob@example.com');
    expect(within(rows()[0]).getByText('Running')).toBeInTheDocument();
    expect(rows()[0]).toHaveAttribute('data-fresh', 'true');

    // It finishes: the same row turns green.
    act(() =>
      emit('RunUpdated', {
        runUpdated: { ...started, status: 'SUCCEEDED', updatedAt: '2026-03-04T11:00:03Z', finishedAt: '2026-03-04T11:00:03Z' },
      }),
    );
    await waitFor(() => expect(within(rows()[0]).getByText('Succeeded')).toBeInTheDocument());
    expect(rows()).toHaveLength(2);
    expect(rows()[0]).toHaveTextContent('3 s');

    // A listed run changes where it is.
    act(() =>
      emit('RunUpdated', { runUpdated: runRow({ status: 'FAILED', updatedAt: '2026-03-04T12:00:00Z', error: 'SMTP said no' }) }),
    );
    await waitFor(() => expect(within(rows()[1]).getByText('Failed')).toBeInTheDocument());
    expect(rows()[1]).toHaveTextContent('ada@example.com');
  });

  it('leaves out new runs the filter does not match', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      RunRuleNames: { data: { rules: [] } },
      Runs: page,
    });
    renderPage(
      <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
        <RunsPage />
      </AgencyContext.Provider>,
      '/agencies/a1/workspaces/w1/runs?status=FAILED',
      vi.fn(),
      '/agencies/:agencyId/workspaces/:workspaceId/runs',
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(calls.find((c) => c.operationName === 'Runs')?.variables).toMatchObject({ workspaceId: 'w1', status: 'FAILED' });
    await waitFor(() => expect(subscribed('RunUpdated')).toHaveLength(1));
    act(() => emit('RunUpdated', { runUpdated: runRow({ id: 'run-3', status: 'RUNNING', startedAt: '2026-03-05T10:00:00Z' }) }));
    await new Promise((r) => setTimeout(r, 50));
    expect(rows()).toHaveLength(1);
  });
});
