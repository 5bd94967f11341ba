import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { runRow, workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { RunPage } from './RunPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const step = (over: Record<string, unknown>) => ({
  __typename: 'RunStep',
  path: '0',
  kind: 'action',
  title: 'Send an email',
  status: 'SUCCEEDED',
  attempts: 1,
  summary: null,
  error: null,
  providerResponse: null,
  startedAt: '2026-03-04T10:00:00Z',
  finishedAt: '2026-03-04T10:00:01Z',
  ...over,
});

const detail = (over: Record<string, unknown>) => ({
  ...runRow(),
  rule: { __typename: 'Rule', id: 'r1', name: 'Order confirmation', version: 2 },
  customer: { __typename: 'Customer', id: 'cu1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
  ...over,
});

const failed = detail({
  status: 'FAILED',
  error: 'Send an email failed after 5 attempts',
  steps: [
    step({
      status: 'FAILED',
      attempts: 5,
      error: 'mail server refused the message',
      providerResponse: '550 5.7.1 relay denied',
      finishedAt: '2026-03-04T10:05:00Z',
    }),
  ],
});

function renderRun() {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <RunPage />
    </AgencyContext.Provider>,
    '/agencies/a1/workspaces/w1/runs/run-1',
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/runs/:runId',
  );
}

describe('RunPage', () => {
  afterEach(() => {
    resetSubscriptions();
    vi.unstubAllGlobals();
  });

  it('shows a failed run step by step and retries it; the subscription carries it on', async () => {
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      RunPage: { data: { node: failed } },
      RetryRun: {
        data: {
          retryRun: detail({
            status: 'RUNNING',
            updatedAt: '2026-03-04T10:10:00Z',
            finishedAt: null,
            steps: [step({ status: 'RUNNING', attempts: 6, finishedAt: null })],
          }),
        },
      },
    });
    const user = userEvent.setup();
    renderRun();

    expect(await screen.findByRole('heading', { name: 'Run of Order confirmation' })).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace', { exact: false })).toBeInTheDocument();
    expect(screen.getByText(/the rule is now at version 2; this run keeps version 1/)).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Steps' });
    const email = within(timeline).getByRole('listitem');
    expect(email).toHaveTextContent('Send an email');
    expect(email).toHaveTextContent('5 attempts');
    expect(email).toHaveTextContent('mail server refused the message');
    await user.click(within(email).getByRole('button', { name: 'Show provider response' }));
    expect(within(email).getByText('550 5.7.1 relay denied')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByText('Running').length).toBeGreaterThan(0));
    expect(calls.find((c) => c.operationName === 'RetryRun')?.variables).toEqual({ id: 'run-1' });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeInTheDocument();

    // The run goes on live.
    await waitFor(() => expect(subscribed('RunChanged')).toEqual([{ id: 'run-1' }]));
    act(() =>
      emit('RunChanged', {
        run: detail({ status: 'SUCCEEDED', updatedAt: '2026-03-04T10:11:00Z', finishedAt: '2026-03-04T10:11:00Z', steps: [step({ attempts: 6 })] }),
      }),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull());
    expect(within(screen.getByRole('list', { name: 'Steps' })).getByRole('listitem')).toHaveTextContent('Succeeded');
  });
});
