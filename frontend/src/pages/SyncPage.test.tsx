import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { setWideScreen } from '../test/media';
import { workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { syncMapping, syncRun } from '../test/syncFixtures';
import { SyncPage } from './SyncPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const running = syncRun();
const failed = syncRun({
  id: 'sr-0',
  mode: 'FULL',
  reason: 'SCHEDULE',
  status: 'FAILED',
  recordsRead: 300,
  recordsWritten: 298,
  recordsFailed: 2,
  recordsTotal: 300,
  etaSeconds: null,
  error: 'HubSpot answered 503 three times',
  startedAt: '2026-03-03T10:00:00Z',
  updatedAt: '2026-03-03T10:01:05Z',
  finishedAt: '2026-03-03T10:01:05Z',
});

const detail = (over: Record<string, unknown> = {}) => ({
  __typename: 'Sync',
  id: 's1',
  name: 'Customers every 15 min',
  intervalMinutes: 15,
  cron: '',
  onEvents: true,
  enabled: true,
  checkpoint: '2026-03-03T10:00:00Z',
  nextRunAt: '2026-03-04T10:15:00Z',
  linkedRecords: 4200,
  mapping: syncMapping,
  activeRun: running,
  runs: [running, failed],
  ...over,
});

function renderSync() {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <SyncPage />
    </AgencyContext.Provider>,
    '/agencies/a1/workspaces/w1/syncs/s1',
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/syncs/:syncId',
  );
}

describe('SyncPage', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    resetSubscriptions();
    vi.unstubAllGlobals();
  });

  it('follows the run in progress live, with pace and time left, and cancels it', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      SyncPage: { data: { sync: detail() } },
      CancelSyncRun: {
        data: {
          cancelSyncRun: syncRun({
            status: 'CANCELLED',
            updatedAt: '2026-03-04T10:00:30Z',
            finishedAt: '2026-03-04T10:00:30Z',
            etaSeconds: null,
          }),
        },
      },
    });
    const user = userEvent.setup();
    renderSync();

    expect(await screen.findByRole('heading', { name: 'Customers every 15 min' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Customers to HubSpot' })).toHaveAttribute('href', '/agencies/a1/workspaces/w1/syncs/mappings/m1');
    expect(screen.getByText(/Runs every 15 min · on changes/)).toBeInTheDocument();
    const card = screen.getByRole('region', { name: 'Run in progress' });
    expect(within(card).getByRole('progressbar', { name: 'Progress of Customers every 15 min' })).toHaveAttribute('aria-valuenow', '24.68');
    expect(card).toHaveTextContent('1,234 of 5,000 · 812 records/s · about 6 s left');
    expect(within(card).getByRole('group', { name: 'Written: 1,200' })).toBeInTheDocument();
    expect(within(card).getByRole('group', { name: 'Failed: 4' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeDisabled();

    // Narrowed to the run in progress.
    await waitFor(() => expect(subscribed('SyncRunUpdated')).toEqual([{ workspaceId: 'w1', runId: 'sr-1' }]));
    act(() =>
      emit('SyncRunUpdated', {
        syncRunUpdated: syncRun({
          recordsRead: 4000,
          recordsWritten: 3990,
          recordsPerSecond: 900,
          etaSeconds: 70,
          updatedAt: '2026-03-04T10:00:04Z',
        }),
      }),
    );
    await waitFor(() => expect(card).toHaveTextContent('4,000 of 5,000 · 900 records/s · about 1 min 10 s left'));
    expect(within(card).getByRole('group', { name: 'Written: 3,990' })).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Cancel run' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this run?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Run in progress' })).toBeNull());
    expect(calls.filter((c) => c.operationName === 'CancelSyncRun').map((c) => c.variables)).toEqual([{ id: 'sr-1' }]);
    const history = screen.getByRole('table', { name: 'Runs' });
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('Cancelled');
  });

  it('shows an unknown total as a moving bar, and starts runs and full resyncs', async () => {
    restore = setWideScreen(true);
    let starts = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      SyncPage: { data: { sync: detail({ activeRun: null, runs: [failed] }) } },
      StartSyncRun: (v) => ({
        data: {
          startSync: syncRun({
            id: `sr-new-${++starts}`,
            mode: v.full ? 'FULL' : 'INCREMENTAL',
            recordsRead: 40,
            recordsTotal: null,
            etaSeconds: null,
            startedAt: `2026-03-04T11:0${starts}:00Z`,
            updatedAt: `2026-03-04T11:0${starts}:00Z`,
          }),
        },
      }),
    });
    const user = userEvent.setup();
    renderSync();

    await user.click(await screen.findByRole('button', { name: 'Full resync' }));
    const card = await screen.findByRole('region', { name: 'Run in progress' });
    expect(within(card).getByRole('progressbar', { name: 'Progress of Customers every 15 min (total not known yet)' })).toBeInTheDocument();
    expect(card).toHaveTextContent('40 read · 812 records/s');
    expect(card).toHaveTextContent('Running · full');
    expect(calls.filter((c) => c.operationName === 'StartSyncRun').map((c) => c.variables)).toEqual([{ id: 's1', full: true }]);
  });

  it('opens the failed records of a run', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      SyncPage: { data: { sync: detail({ activeRun: null, runs: [failed] }) } },
      SyncRunErrors: {
        data: {
          syncRun: {
            __typename: 'SyncRun',
            id: 'sr-0',
            error: null,
            recordErrors: [
              {
                __typename: 'SyncRecordError',
                id: 'e1',
                sourceId: 'gid://shopify/Customer/7',
                reason: 'phone: "n/a" is not a phone number',
                record: { email: 'bob@example.com', phone: 'n/a' },
                createdAt: '2026-03-03T10:00:30Z',
              },
            ],
          },
        },
      },
    });
    const user = userEvent.setup();
    renderSync();

    const history = await screen.findByRole('table', { name: 'Runs' });
    const row = within(history).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Full');
    expect(row).toHaveTextContent('Schedule');
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('1 min 5 s');
    expect(screen.getByText('HubSpot answered 503 three times')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /Show the 2 failed records/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Failed records' });
    const record = await within(drawer).findByRole('article', { name: 'Record gid://shopify/Customer/7' });
    expect(record).toHaveTextContent('phone: "n/a" is not a phone number');
    expect(record).toHaveTextContent('"email": "bob@example.com"');
    expect(calls.find((c) => c.operationName === 'SyncRunErrors')?.variables).toEqual({ id: 'sr-0' });
  });

  it('saves the settings and deletes the sync', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      SyncPage: { data: { sync: detail({ activeRun: null, runs: [] }) } },
      UpdateSync: { data: { updateSync: detail({ activeRun: null, runs: [], intervalMinutes: 60, enabled: false }) } },
      DeleteSync: { data: { deleteSync: true } },
    });
    const user = userEvent.setup();
    const { router } = renderSync();

    const settings = await screen.findByRole('form', { name: 'Sync settings' });
    expect(screen.getByText('No runs yet')).toBeInTheDocument();
    const interval = within(settings).getByRole('textbox', { name: /Run every/ });
    await user.clear(interval);
    await user.type(interval, '60');
    await user.click(within(settings).getByRole('switch', { name: /Enabled/ }));
    await user.click(within(settings).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'UpdateSync')?.variables).toEqual({
        id: 's1',
        input: { name: 'Customers every 15 min', intervalMinutes: 60, cron: '', onEvents: true, enabled: false, mappingId: 'm1' },
      }),
    );

    await user.click(within(settings).getByRole('button', { name: 'Delete sync' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete “Customers every 15 min”?' })).getByRole('button', { name: 'Delete sync' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/syncs'));
    expect(calls.find((c) => c.operationName === 'DeleteSync')?.variables).toEqual({ id: 's1' });
  });
});
