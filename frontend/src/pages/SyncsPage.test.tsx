import { Notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { setWideScreen } from '../test/media';
import { workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { emit, resetSubscriptions, subscribed } from '../test/subscriptions';
import { mappingRow, syncRow, syncRun } from '../test/syncFixtures';
import { SyncsPage } from './SyncsPage';

vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));

const running = syncRun();
const syncs = {
  data: {
    syncs: [
      syncRow({ activeRun: running, runs: [running] }),
      syncRow({
        id: 's2',
        name: 'Nightly backfill',
        intervalMinutes: null,
        cron: '',
        onEvents: false,
        runs: [
          syncRun({
            id: 'sr-9',
            status: 'SUCCEEDED',
            sync: { __typename: 'Sync', id: 's2' },
            finishedAt: '2026-03-03T02:00:00Z',
            etaSeconds: null,
          }),
        ],
      }),
    ],
  },
};
const mappings = { data: { mappings: [mappingRow()] } };

function renderSyncs(url = '/agencies/a1/workspaces/w1/syncs') {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <Notifications />
      <SyncsPage />
    </AgencyContext.Provider>,
    url,
    vi.fn(),
    '/agencies/:agencyId/workspaces/:workspaceId/syncs',
  );
}

const syncRowEl = (name: string) => screen.getByLabelText(name, { selector: 'tr' });

describe('SyncsPage', () => {
  let restore = () => {};
  afterEach(() => {
    restore();
    resetSubscriptions();
    vi.unstubAllGlobals();
  });

  it('lists syncs with their schedule and live progress, and the mappings they run', async () => {
    restore = setWideScreen(true);
    stubOperations({ WorkspaceHeader: workspaceHeader, Syncs: syncs, Mappings: mappings });
    renderSyncs();

    const first = await waitFor(() => syncRowEl('Customers every 15 min'));
    expect(first).toHaveTextContent('Customers to HubSpot');
    expect(first).toHaveTextContent('Acme Shopify → Sales HubSpot');
    expect(first).toHaveTextContent('every 15 min · on changes');
    expect(within(first).getByRole('progressbar', { name: 'Progress of Customers every 15 min' })).toHaveAttribute('aria-valuenow', '24.68');
    expect(first).toHaveTextContent('1,234 of 5,000 · 812 records/s · about 6 s left');

    const second = syncRowEl('Nightly backfill');
    expect(second).toHaveTextContent('on demand');
    expect(within(second).getByText('Succeeded')).toBeInTheDocument();

    const mappingsTable = screen.getByRole('table', { name: 'Mappings' });
    const mapping = within(mappingsTable).getByLabelText('Customers to HubSpot', { selector: 'tr' });
    expect(mapping).toHaveTextContent('Acme Shopify · customer');
    expect(mapping).toHaveTextContent('Sales HubSpot · contact');
    expect(within(mapping).getByRole('link', { name: 'Edit Customers to HubSpot' })).toHaveAttribute(
      'href',
      '/agencies/a1/workspaces/w1/syncs/mappings/m1',
    );

    // The subscription moves the bar without a reload.
    await waitFor(() => expect(subscribed('SyncRunUpdated')).toEqual([{ workspaceId: 'w1', runId: null }]));
    act(() =>
      emit('SyncRunUpdated', {
        syncRunUpdated: syncRun({ recordsRead: 2500, recordsWritten: 2490, etaSeconds: 3, updatedAt: '2026-03-04T10:00:05Z' }),
      }),
    );
    await waitFor(() => expect(syncRowEl('Customers every 15 min')).toHaveTextContent('2,500 of 5,000 · 812 records/s · about 3 s left'));

    // It ends: the bar gives way to the outcome.
    act(() =>
      emit('SyncRunUpdated', {
        syncRunUpdated: syncRun({
          status: 'SUCCEEDED',
          recordsRead: 5000,
          etaSeconds: null,
          updatedAt: '2026-03-04T10:00:09Z',
          finishedAt: '2026-03-04T10:00:09Z',
        }),
      }),
    );
    await waitFor(() => expect(within(syncRowEl('Customers every 15 min')).getByText('Succeeded')).toBeInTheDocument());
    expect(within(syncRowEl('Customers every 15 min')).queryByRole('progressbar')).toBeNull();
  });

  it('runs a sync now, and shows why when one is already running', async () => {
    restore = setWideScreen(true);
    let tries = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      Syncs: syncs,
      Mappings: mappings,
      StartSync: () =>
        ++tries === 1
          ? { data: null, errors: [{ message: 'Nightly backfill is already running', extensions: { code: 'CONFLICT' } }] }
          : {
              data: {
                startSync: syncRun({
                  id: 'sr-10',
                  sync: { __typename: 'Sync', id: 's2' },
                  recordsRead: 0,
                  recordsTotal: null,
                  etaSeconds: null,
                  recordsPerSecond: 0,
                  startedAt: '2026-03-04T11:00:00Z',
                  updatedAt: '2026-03-04T11:00:00Z',
                }),
              },
            },
    });
    const user = userEvent.setup();
    renderSyncs();

    const row = await waitFor(() => syncRowEl('Nightly backfill'));
    // The running sync cannot be started twice.
    expect(within(syncRowEl('Customers every 15 min')).getByRole('button', { name: 'Run Customers every 15 min now' })).toBeDisabled();

    await user.click(within(row).getByRole('button', { name: 'Run Nightly backfill now' }));
    expect(await screen.findByText('Nightly backfill is already running')).toBeInTheDocument();
    expect(screen.getByText('Could not start “Nightly backfill”')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Run Nightly backfill now' }));
    await waitFor(() => expect(within(syncRowEl('Nightly backfill')).getByRole('progressbar')).toBeInTheDocument());
    expect(syncRowEl('Nightly backfill')).toHaveTextContent('0 read');
    expect(calls.filter((c) => c.operationName === 'StartSync').map((c) => c.variables)).toEqual([
      { id: 's2', full: false },
      { id: 's2', full: false },
    ]);
  });

  it('explains syncs when there are none and offers to create a mapping; deletes a mapping with its syncs', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      Syncs: { data: { syncs: [] } },
      Mappings: mappings,
      DeleteMapping: { data: { deleteMapping: true } },
    });
    const user = userEvent.setup();
    renderSyncs();

    expect(await screen.findByText('No syncs yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create a mapping' })).toHaveAttribute('href', '/agencies/a1/workspaces/w1/syncs/mappings/new');

    await user.click(await screen.findByRole('button', { name: 'Delete Customers to HubSpot' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('its syncs (“Customers every 15 min”)');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(calls.filter((c) => c.operationName === 'DeleteMapping').map((c) => c.variables)).toEqual([{ id: 'm1' }]));
  });

  it('offers to create a sync of a mapping just saved', async () => {
    restore = setWideScreen(true);
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      Syncs: { data: { syncs: [] } },
      Mappings: mappings,
      CreateSync: { data: { createSync: { __typename: 'Sync', id: 's7', name: 'Customers hourly' } } },
    });
    const user = userEvent.setup();
    const { router } = renderSyncs('/agencies/a1/workspaces/w1/syncs?newMapping=m1');

    const dialog = await screen.findByRole('dialog', { name: 'New sync of “Customers to HubSpot”' });
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    await user.clear(name);
    await user.type(name, 'Customers hourly');
    await user.type(within(dialog).getByRole('textbox', { name: /Run every/ }), '60');
    await user.click(within(dialog).getByRole('switch', { name: /Also run on changes/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create sync' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.search).toBe('');
    expect(calls.find((c) => c.operationName === 'CreateSync')?.variables).toEqual({
      workspaceId: 'w1',
      input: { name: 'Customers hourly', intervalMinutes: 60, cron: '', onEvents: true, mappingId: 'm1' },
    });
  });
});
