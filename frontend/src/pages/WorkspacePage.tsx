import { Alert, Badge, Button, Group, SimpleGrid, Skeleton, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ConnectionCard } from '../components/ConnectionCard';
import { ConfirmModal } from '../components/ConfirmModal';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { LiveIndicator } from '../components/LiveIndicator';
import { NotFound } from '../components/NotFound';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { WorkspaceTabs } from '../components/WorkspaceTabs';
import { graphql } from '../gql';
import type { ConnectionRowFragment } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { errorMessage } from '../lib/errors';
import { useLiveStatus } from '../lib/live';
import { canWrite } from '../lib/roles';

graphql(`
  fragment ConnectionRow on Connection {
    id
    name
    status
    sandbox
    lastError
    lastCheckedAt
    createdAt
    webhookUrl
    values {
      name
      value
    }
    connector {
      slug
      name
      category
      auth {
        kind
      }
    }
  }
`);

const ConnectionsQuery = graphql(`
  query Connections($workspaceId: ID!) {
    connections(workspaceId: $workspaceId) {
      ...ConnectionRow
    }
  }
`);

const ConnectionChangedSubscription = graphql(`
  subscription ConnectionStatusChanged($workspaceId: ID!) {
    connectionStatusChanged(workspaceId: $workspaceId) {
      ...ConnectionRow
    }
  }
`);

const TestConnectionMutation = graphql(`
  mutation TestConnection($id: ID!) {
    testConnection(id: $id) {
      ...ConnectionRow
    }
  }
`);

const DisconnectMutation = graphql(`
  mutation Disconnect($id: ID!) {
    disconnect(id: $id) {
      ...ConnectionRow
    }
  }
`);

/** Lets an empty list refetch when a connection is created. */
const LIST_CONTEXT = { additionalTypenames: ['Connection'] };
const HIGHLIGHT_MS = 4000;

/** A connection as last seen, and in which order the news arrived. */
interface Seen {
  connection: ConnectionRowFragment;
  seq: number;
}
type SeenMap = Record<string, Seen>;
let arrivals = 0;

/**
 * The newest state of each connection: the query's list, overlaid with what the
 * subscription and this page's own mutations reported since. Newest connections first.
 */
export function mergeConnections(listed: readonly ConnectionRowFragment[], ...overlays: SeenMap[]): ConnectionRowFragment[] {
  const byId = new Map<string, Seen>();
  for (const c of listed) byId.set(c.id, { connection: c, seq: -1 });
  for (const overlay of overlays) {
    for (const seen of Object.values(overlay)) {
      const known = byId.get(seen.connection.id);
      if (!known || known.seq < seen.seq) byId.set(seen.connection.id, seen);
    }
  }
  return [...byId.values()]
    .map((s) => s.connection)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Ids to highlight for a few seconds. */
function useHighlights() {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const highlight = useCallback((id: string, ms = HIGHLIGHT_MS) => {
    setIds((s) => new Set(s).add(id));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setIds((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }, ms),
    );
  }, []);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);
  return { ids, highlight };
}

export function WorkspacePage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '' } = useParams();
  const { workspace, loaded, error } = useWorkspace(workspaceId);
  const status = useLiveStatus();
  const [params, setParams] = useSearchParams();
  // What the OAuth callback reported, read once; the address is cleaned right after.
  const [callback] = useState(() => ({ connected: params.get('connected'), error: params.get('error') }));
  const [callbackError, setCallbackError] = useState(callback.error);

  useEffect(() => {
    if (params.has('connected') || params.has('error')) setParams({}, { replace: true });
  }, [params, setParams]);

  if (!loaded) return error ? <ErrorAlert error={error} /> : <PageLoader />;
  if (!workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;

  const base = workspacePath(agencyId, workspaceId);
  const writable = canWrite(role) && !workspace.archivedAt;

  return (
    <>
      <WorkspaceCrumbs items={[{ label: 'Workspaces', to: `/agencies/${agencyId}` }, { label: workspace.name }]} />
      <PageHeader
        title={workspace.name}
        description={
          workspace.archivedAt ? (
            <Badge color="gray" variant="light" component="span">
              Archived — read-only
            </Badge>
          ) : (
            'Connections, data and access of this client store.'
          )
        }
        actions={<LiveIndicator status={status} />}
      />
      <WorkspaceTabs agencyId={agencyId} workspaceId={workspaceId} active="connections" />
      {callbackError && (
        <Alert
          color="red"
          title="Could not connect"
          icon={<IconAlertCircle />}
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setCallbackError(null)}
          mb="md"
        >
          {callbackError}
        </Alert>
      )}
      <Group justify="space-between" align="center" mb="sm">
        <Title order={3}>Connections</Title>
        {writable && (
          <Button component={Link} to={`${base}/marketplace`} leftSection={<IconPlus size={16} />}>
            Add connection
          </Button>
        )}
      </Group>
      <ConnectionList
        workspaceId={workspaceId}
        writable={writable}
        marketplace={`${base}/marketplace`}
        connectedId={callback.connected}
      />
    </>
  );
}

interface ListProps {
  workspaceId: string;
  writable: boolean;
  marketplace: string;
  connectedId: string | null;
}

function ConnectionList({ workspaceId, writable, marketplace, connectedId }: ListProps) {
  const [{ data, error }] = useQuery({
    query: ConnectionsQuery,
    variables: { workspaceId },
    context: LIST_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  const [{ data: live = {}, error: liveError }] = useSubscription(
    { query: ConnectionChangedSubscription, variables: { workspaceId } },
    (previous: SeenMap = {}, event): SeenMap => {
      const c = event.connectionStatusChanged;
      return { ...previous, [c.id]: { connection: c, seq: ++arrivals } };
    },
  );
  const [own, setOwn] = useState<SeenMap>({});
  const connections = useMemo(() => mergeConnections(data?.connections ?? [], live, own), [data, live, own]);
  const { ids: highlighted, highlight } = useHighlights();

  // Highlight whatever the subscription just reported.
  const newest = useMemo(() => Object.values(live).sort((a, b) => b.seq - a.seq)[0], [live]);
  useEffect(() => {
    if (newest) highlight(newest.connection.id);
  }, [newest, highlight]);

  // The connection just created (or returned from OAuth consent): say so once, and point at it.
  const announced = useRef(false);
  const created = connectedId ? connections.find((c) => c.id === connectedId) : undefined;
  useEffect(() => {
    if (!connectedId || announced.current || (!created && !data)) return;
    announced.current = true;
    highlight(connectedId, 6000);
    notifications.show({
      color: 'teal',
      title: 'Connected',
      message: created ? `“${created.name}” is connected and ready to use.` : 'The connection was added.',
    });
  }, [connectedId, created, data, highlight]);

  const [, testConnection] = useMutation(TestConnectionMutation);
  const [, disconnect] = useMutation(DisconnectMutation);
  const [testing, setTesting] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<ConnectionRowFragment | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);
  const [disconnectError, setDisconnectError] = useState<CombinedError>();

  const remember = (c: ConnectionRowFragment) => setOwn((o) => ({ ...o, [c.id]: { connection: c, seq: ++arrivals } }));

  const test = async (c: ConnectionRowFragment) => {
    setTesting((s) => new Set(s).add(c.id));
    const result = await testConnection({ id: c.id });
    setTesting((s) => {
      const next = new Set(s);
      next.delete(c.id);
      return next;
    });
    const checked = result.data?.testConnection;
    if (!checked) {
      notifications.show({ color: 'red', title: 'Test failed', message: result.error ? errorMessage(result.error) : 'No answer.' });
      return;
    }
    remember(checked);
    highlight(checked.id);
    if (checked.status === 'ACTIVE') {
      notifications.show({ color: 'teal', title: 'Connection works', message: `${checked.connector.name} accepted “${checked.name}”.` });
    } else {
      notifications.show({
        color: checked.status === 'NEEDS_REAUTH' ? 'orange' : 'red',
        title: `“${checked.name}” failed its check`,
        message: checked.lastError ?? `${checked.connector.name} did not accept the connection.`,
      });
    }
  };

  const confirmDisconnect = async () => {
    if (!confirming) return;
    setDisconnecting(true);
    const result = await disconnect({ id: confirming.id });
    setDisconnecting(false);
    if (result.error || !result.data) {
      setDisconnectError(result.error);
      return;
    }
    remember(result.data.disconnect);
    highlight(result.data.disconnect.id);
    notifications.show({ color: 'teal', message: `“${result.data.disconnect.name}” disconnected; its credentials are erased.` });
    setConfirming(null);
  };

  if (!data) {
    if (error) return <ErrorAlert error={error} />;
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy aria-label="Loading connections">
        {[0, 1].map((i) => (
          <Skeleton key={i} height={140} radius="md" />
        ))}
      </SimpleGrid>
    );
  }

  return (
    <>
      {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
      {error && <ErrorAlert error={error} />}
      {connections.length === 0 ? (
        <EmptyState
          title="No connections yet"
          description="Connect this store's shop, carriers, CRM and messaging so rules and syncs can use them."
          action={
            writable && (
              <Button component={Link} to={marketplace} leftSection={<IconPlus size={16} />}>
                Browse the marketplace
              </Button>
            )
          }
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-label="Connections" role="list">
          {connections.map((c) => (
            <div role="listitem" key={c.id}>
              <ConnectionCard
                connection={c}
                highlighted={highlighted.has(c.id)}
                actions={
                  writable
                    ? {
                        testing: testing.has(c.id),
                        onTest: () => void test(c),
                        onDisconnect: () => {
                          setDisconnectError(undefined);
                          setConfirming(c);
                        },
                        reconnectTo: `${marketplace}/${c.connector.slug}`,
                      }
                    : undefined
                }
              />
            </div>
          ))}
        </SimpleGrid>
      )}
      <ConfirmModal
        opened={confirming !== null}
        title={`Disconnect “${confirming?.name ?? ''}”?`}
        message={`Switchboard stops using this ${confirming?.connector.name ?? ''} connection and erases its stored credentials (keys, passwords and tokens) for good. Rules and syncs that use it stop working. To use it again, you connect it anew.`}
        confirmLabel="Disconnect"
        loading={disconnecting}
        error={disconnectError}
        onConfirm={() => void confirmDisconnect()}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}
