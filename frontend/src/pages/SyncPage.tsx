import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { LiveIndicator } from '../components/LiveIndicator';
import { NotFound } from '../components/NotFound';
import { PageLoader } from '../components/PageLoader';
import { SyncActiveRun } from '../components/SyncActiveRun';
import { SyncRunErrorsDrawer } from '../components/SyncRunErrorsDrawer';
import { SyncRunHistory } from '../components/SyncRunHistory';
import { SyncSettings } from '../components/SyncSettings';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import type { SyncRunFieldsFragment } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { errorMessage } from '../lib/errors';
import { useLiveStatus } from '../lib/live';
import { canWrite } from '../lib/roles';
import { mergeRuns, scheduleText } from '../lib/syncs';
import { useSyncRunUpdates } from '../lib/useSyncRunUpdates';

graphql(`
  fragment SyncDetail on Sync {
    id
    name
    intervalMinutes
    cron
    onEvents
    enabled
    checkpoint
    nextRunAt
    linkedRecords
    mapping {
      id
      name
      version
      sourceEntity
      targetEntity
      sourceConnection {
        id
        name
      }
      targetConnection {
        id
        name
      }
    }
    activeRun {
      ...SyncRunFields
    }
    runs(first: 20) {
      ...SyncRunFields
    }
  }
`);

const SyncPageQuery = graphql(`
  query SyncPage($id: ID!) {
    sync(id: $id) {
      ...SyncDetail
    }
  }
`);

const StartSyncRunMutation = graphql(`
  mutation StartSyncRun($id: ID!, $full: Boolean) {
    startSync(id: $id, full: $full) {
      ...SyncRunFields
    }
  }
`);

const CancelSyncRunMutation = graphql(`
  mutation CancelSyncRun($id: ID!) {
    cancelSyncRun(id: $id) {
      ...SyncRunFields
    }
  }
`);

/** An empty run history still refetches after startSync and cancelSyncRun. */
const SYNC_CONTEXT = { additionalTypenames: ['SyncRun'] };

/** One sync: run it, follow the run in progress live, its run history with failed records, and its settings. */
export function SyncPage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '', syncId = '' } = useParams();
  const { workspace } = useWorkspace(workspaceId);
  const status = useLiveStatus();
  const [{ data, error }, refetch] = useQuery({
    query: SyncPageQuery,
    variables: { id: syncId },
    context: SYNC_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  const [own, setOwn] = useState<SyncRunFieldsFragment[]>([]);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelError, setCancelError] = useState<CombinedError>();
  const [showing, setShowing] = useState<SyncRunFieldsFragment | null>(null);
  const [startState, startSync] = useMutation(StartSyncRunMutation);
  const [cancelState, cancelRun] = useMutation(CancelSyncRunMutation);
  const [startingFull, setStartingFull] = useState<boolean>();
  const base = workspacePath(agencyId, workspaceId);
  const sync = data?.sync;

  // Runs from the query, the subscription and own mutations, each at its latest.
  const queried = useMemo(() => (sync ? [sync.activeRun, ...sync.runs] : []), [sync]);
  const [heard, setHeard] = useState<SyncRunFieldsFragment[]>([]);
  const runs = useMemo(() => mergeRuns(syncId, queried, heard, own), [syncId, queried, heard, own]);
  const active = runs.find((r) => r.status === 'RUNNING');
  // Narrowed to the run in progress; without one, the workspace's runs (to see this sync's next one start).
  const { live, error: liveError } = useSyncRunUpdates(workspaceId, active?.id);
  useEffect(() => setHeard(Object.values(live)), [live]);
  useRefetchWhenEnded(active?.id, refetch);

  const crumbs = (
    <WorkspaceCrumbs
      items={[
        { label: 'Workspaces', to: `/agencies/${agencyId}` },
        { label: workspace?.name ?? '…', to: base },
        { label: 'Syncs', to: `${base}/syncs` },
        { label: sync?.name ?? 'Sync' },
      ]}
    />
  );

  if (!sync) {
    if (data) return <NotFound message="This sync does not exist or was deleted with its mapping." />;
    return error ? <ErrorAlert error={error} /> : <PageLoader />;
  }

  const writable = canWrite(role) && !workspace?.archivedAt;
  const start = async (full: boolean) => {
    setStartingFull(full);
    const result = await startSync({ id: sync.id, full }, SYNC_CONTEXT);
    setStartingFull(undefined);
    if (result.data) {
      setOwn((o) => [...o, result.data!.startSync]);
      notifications.show({
        color: 'teal',
        message: full ? 'Full resync started: every source record is read again.' : 'Sync started.',
      });
    } else if (result.error) {
      notifications.show({ color: 'red', title: 'Could not start the sync', message: errorMessage(result.error) });
    }
  };
  const cancel = async () => {
    if (!active) return;
    const result = await cancelRun({ id: active.id }, SYNC_CONTEXT);
    if (result.data) {
      setOwn((o) => [...o, result.data!.cancelSyncRun]);
      setConfirmCancel(false);
      notifications.show({ color: 'teal', message: 'The run stops after the page in progress; what was written stays.' });
    } else {
      setCancelError(result.error);
    }
  };
  const mapping = sync.mapping;
  const last = runs[0];

  return (
    <>
      {crumbs}
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{sync.name}</Title>
            {!sync.enabled && (
              <Badge color="gray" variant="light" size="lg">
                Paused
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Mapping{' '}
            <Anchor component={Link} to={`${base}/syncs/mappings/${mapping.id}`} size="sm">
              {mapping.name}
            </Anchor>{' '}
            (version {mapping.version}): {mapping.sourceConnection.name} · {mapping.sourceEntity} → {mapping.targetConnection.name} ·{' '}
            {mapping.targetEntity}
          </Text>
          <Text size="sm" c="dimmed">
            Runs {scheduleText(sync)}
            {sync.enabled && sync.nextRunAt && (
              <>
                {' '}
                · next <DateTime value={sync.nextRunAt} />
              </>
            )}{' '}
            · {sync.linkedRecords.toLocaleString()} records linked so far
            {sync.checkpoint && (
              <>
                {' '}
                · changes since <DateTime value={sync.checkpoint} /> are read next
              </>
            )}
          </Text>
        </Stack>
        <Group gap="sm">
          <LiveIndicator status={status} />
          {writable && (
            <>
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={startState.fetching && startingFull === false}
                disabled={!!active || (startState.fetching && startingFull === true)}
                onClick={() => void start(false)}
              >
                Run now
              </Button>
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={startState.fetching && startingFull === true}
                disabled={!!active || (startState.fetching && startingFull === false)}
                onClick={() => void start(true)}
              >
                Full resync
              </Button>
            </>
          )}
        </Group>
      </Group>
      {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
      {error && <ErrorAlert error={error} />}
      {active ? (
        <SyncActiveRun
          run={active}
          syncName={sync.name}
          writable={writable}
          onCancel={() => {
            setCancelError(undefined);
            setConfirmCancel(true);
          }}
        />
      ) : (
        last?.error &&
        last.status !== 'SUCCEEDED' && (
          <Alert color={last.status === 'FAILED' ? 'red' : 'gray'} icon={<IconAlertCircle />} title="The last run stopped" mb="md">
            {last.error}
          </Alert>
        )
      )}
      <Title order={3} size="h4" mb="sm">
        Runs
      </Title>
      <SyncRunHistory runs={runs} onShowErrors={setShowing} />
      <SyncSettings key={sync.id} sync={sync} base={base} writable={writable} />
      <SyncRunErrorsDrawer run={showing} onClose={() => setShowing(null)} />
      <ConfirmModal
        opened={confirmCancel}
        title="Cancel this run?"
        message="It stops after the page in progress. Records already written stay in the target; the next run picks up from the last checkpoint."
        confirmLabel="Cancel run"
        loading={cancelState.fetching}
        error={cancelError}
        onConfirm={() => void cancel()}
        onClose={() => setConfirmCancel(false)}
      />
    </>
  );
}

/** Once the run in progress ends, reload the sync (its checkpoint, linked records, next run). */
function useRefetchWhenEnded(activeId: string | undefined, refetch: (opts: { requestPolicy: 'network-only' }) => void) {
  const previous = useRef(activeId);
  useEffect(() => {
    if (previous.current && previous.current !== activeId) refetch({ requestPolicy: 'network-only' });
    previous.current = activeId;
  }, [activeId, refetch]);
}
