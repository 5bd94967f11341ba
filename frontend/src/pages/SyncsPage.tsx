import { Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { CreateSyncModal } from '../components/CreateSyncModal';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { MappingList } from '../components/MappingList';
import { SyncList } from '../components/SyncList';
import { WorkspaceSection } from '../components/WorkspaceSection';
import { graphql } from '../gql';
import type { MappingRowFragment, SyncRowFragment, SyncRunFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { currentRun } from '../lib/syncs';
import { useSyncRunUpdates } from '../lib/useSyncRunUpdates';

graphql(`
  fragment SyncRow on Sync {
    id
    name
    intervalMinutes
    cron
    onEvents
    enabled
    mapping {
      id
      name
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
    runs(first: 1) {
      ...SyncRunFields
    }
  }
`);

graphql(`
  fragment MappingRow on Mapping {
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
    syncs {
      id
      name
    }
  }
`);

const SyncsQuery = graphql(`
  query Syncs($workspaceId: ID!) {
    syncs(workspaceId: $workspaceId) {
      ...SyncRow
    }
  }
`);

const MappingsQuery = graphql(`
  query Mappings($workspaceId: ID!) {
    mappings(workspaceId: $workspaceId) {
      ...MappingRow
    }
  }
`);

const StartSyncMutation = graphql(`
  mutation StartSync($id: ID!, $full: Boolean) {
    startSync(id: $id, full: $full) {
      ...SyncRunFields
    }
  }
`);

const DeleteMappingMutation = graphql(`
  mutation DeleteMapping($id: ID!) {
    deleteMapping(id: $id)
  }
`);

/** Lists refetch after mutations that answer a Boolean or an empty list's first item. */
const SYNCS_CONTEXT = { additionalTypenames: ['Sync', 'SyncRun', 'Mapping'] };
const MAPPINGS_CONTEXT = { additionalTypenames: ['Mapping', 'Sync'] };

/** The workspace's syncs (live progress) and the mappings they run. */
export function SyncsPage() {
  return (
    <WorkspaceSection
      tab="syncs"
      title="Syncs"
      live
      description="Syncs copy records from one connection to another through a mapping, on demand, on a schedule or on changes."
    >
      {({ workspaceId, base, writable }) => (
        <>
          <Title order={3} mb="sm">
            Syncs
          </Title>
          <Syncs workspaceId={workspaceId} base={base} writable={writable} />
          <Group justify="space-between" align="center" mt="xl" mb="sm">
            <Stack gap={2}>
              <Title order={3}>Mappings</Title>
              <Text size="sm" c="dimmed">
                How records of a source entity become records of a target entity. Each save makes a new version.
              </Text>
            </Stack>
            {writable && (
              <Button component={Link} to={`${base}/syncs/mappings/new`} leftSection={<IconPlus size={16} />}>
                New mapping
              </Button>
            )}
          </Group>
          <Mappings workspaceId={workspaceId} base={base} writable={writable} />
        </>
      )}
    </WorkspaceSection>
  );
}

interface SectionProps {
  workspaceId: string;
  base: string;
  writable: boolean;
}

/** The syncs with the run each shows, merged from the list, the subscription and "Run now". */
function Syncs({ workspaceId, base, writable }: SectionProps) {
  const [{ data, error }, refetch] = useQuery({
    query: SyncsQuery,
    variables: { workspaceId },
    context: SYNCS_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  const { live, error: liveError } = useSyncRunUpdates(workspaceId);
  const [own, setOwn] = useState<SyncRunFieldsFragment[]>([]);
  const [starting, setStarting] = useState<string>();
  const [, startSync] = useMutation(StartSyncMutation);
  useRefetchWhenRunsEnd(live, refetch);

  const runs = useMemo(() => {
    const heard = [...Object.values(live), ...own];
    const out: Record<string, SyncRunFieldsFragment | undefined> = {};
    for (const sync of data?.syncs ?? []) out[sync.id] = currentRun(sync.id, [sync.activeRun, ...sync.runs], heard);
    return out;
  }, [data, live, own]);

  const run = async (sync: SyncRowFragment) => {
    setStarting(sync.id);
    const result = await startSync({ id: sync.id, full: false }, SYNCS_CONTEXT);
    setStarting(undefined);
    if (result.data) {
      setOwn((o) => [...o, result.data!.startSync]);
      notifications.show({ color: 'teal', message: `“${sync.name}” started.` });
    } else if (result.error) {
      notifications.show({ color: 'red', title: `Could not start “${sync.name}”`, message: errorMessage(result.error) });
    }
  };

  if (!data) {
    if (error) return <ErrorAlert error={error} />;
    return <Skeleton height={120} radius="md" aria-busy aria-label="Loading syncs" />;
  }
  return (
    <>
      {error && <ErrorAlert error={error} />}
      {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
      {data.syncs.length === 0 ? (
        <EmptyState
          title="No syncs yet"
          description="A sync copies records from one connection to another — customers from the store to the CRM, say — through a mapping that says how each target field is made. It runs on demand, every few minutes, or when the source changes. Start with a mapping, then create a sync of it."
          action={
            writable && (
              <Button component={Link} to={`${base}/syncs/mappings/new`} variant="light" leftSection={<IconPlus size={16} />}>
                Create a mapping
              </Button>
            )
          }
        />
      ) : (
        <SyncList syncs={data.syncs} runs={runs} base={base} writable={writable} starting={starting} onRun={(s) => void run(s)} />
      )}
    </>
  );
}

/** When a run the subscription follows ends, reload the list (its counts and last runs). */
function useRefetchWhenRunsEnd(
  live: Readonly<Record<string, SyncRunFieldsFragment>>,
  refetch: (opts: { requestPolicy: 'network-only' }) => void,
) {
  const ended = Object.values(live)
    .filter((r) => r.status !== 'RUNNING')
    .map((r) => r.id)
    .sort()
    .join(',');
  const previous = useRef(ended);
  useEffect(() => {
    if (previous.current === ended) return;
    previous.current = ended;
    refetch({ requestPolicy: 'network-only' });
  }, [ended, refetch]);
}

/** The mappings, with delete and "New sync"; opens "New sync" for a mapping just created (?newMapping=<id>). */
function Mappings({ workspaceId, base, writable }: SectionProps) {
  const [params, setParams] = useSearchParams();
  const [{ data, error }] = useQuery({
    query: MappingsQuery,
    variables: { workspaceId },
    context: MAPPINGS_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  const [deleting, setDeleting] = useState<MappingRowFragment | null>(null);
  const [deleteState, setDeleteState] = useState<{ busy: boolean; error?: CombinedError }>({ busy: false });
  const [creatingSyncOf, setCreatingSyncOf] = useState<MappingRowFragment | null>(null);
  const [, deleteMapping] = useMutation(DeleteMappingMutation);
  const newMappingId = params.get('newMapping');
  const justCreated = newMappingId ? data?.mappings.find((m) => m.id === newMappingId) : undefined;
  const syncOf = creatingSyncOf ?? (writable ? justCreated : undefined);

  const closeSyncModal = () => {
    setCreatingSyncOf(null);
    if (newMappingId) {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete('newMapping');
          return next;
        },
        { replace: true },
      );
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteState({ busy: true });
    const result = await deleteMapping({ id: deleting.id }, SYNCS_CONTEXT);
    if (result.error) {
      setDeleteState({ busy: false, error: result.error });
      return;
    }
    setDeleteState({ busy: false });
    notifications.show({ color: 'teal', message: `“${deleting.name}” deleted.` });
    setDeleting(null);
  };

  if (!data) {
    if (error) return <ErrorAlert error={error} />;
    return <Skeleton height={100} radius="md" aria-busy aria-label="Loading mappings" />;
  }
  const syncNames = deleting?.syncs.map((s) => `“${s.name}”`).join(', ');

  return (
    <>
      {error && <ErrorAlert error={error} />}
      {data.mappings.length === 0 ? (
        <EmptyState
          title="No mappings yet"
          description="A mapping picks a source connection and entity, a target connection and entity, and says how each target field is made from the source’s fields."
        />
      ) : (
        <MappingList
          mappings={data.mappings}
          base={base}
          writable={writable}
          onCreateSync={setCreatingSyncOf}
          onDelete={(m) => {
            setDeleteState({ busy: false });
            setDeleting(m);
          }}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        message={`The mapping is removed with all its versions and its syncs${syncNames ? ` (${syncNames})` : ''}, including their run history. Records already written to the target stay there. This cannot be undone.`}
        confirmLabel="Delete"
        loading={deleteState.busy}
        error={deleteState.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => setDeleting(null)}
      />
      {syncOf && (
        <CreateSyncModal
          key={syncOf.id}
          workspaceId={workspaceId}
          mapping={syncOf}
          justCreated={!creatingSyncOf}
          onClose={closeSyncModal}
        />
      )}
    </>
  );
}
