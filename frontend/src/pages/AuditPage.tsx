import { Code, Group, Select, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { LiveIndicator } from '../components/LiveIndicator';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { useWorkspaceOptions } from '../components/WorkspaceAccessInput';
import { graphql } from '../gql';
import type { AuditRowFragment } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { formatDateTime } from '../lib/format';
import { useLiveStatus } from '../lib/live';

graphql(`
  fragment AuditRow on AuditEntry {
    id
    action
    summary
    createdAt
    actor {
      kind
      tokenName
      user {
        id
        name
      }
    }
    workspace {
      id
      name
    }
  }
`);

const AuditLogQuery = graphql(`
  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {
    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {
      totalCount
      edges {
        node {
          ...AuditRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuditLogAddedSubscription = graphql(`
  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {
    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {
      ...AuditRow
    }
  }
`);

const COLUMNS = 5;
const HIGHLIGHT_MS = 4000;

function actorLabel({ actor }: AuditRowFragment): string {
  switch (actor.kind) {
    case 'USER':
      return actor.user?.name ?? 'Deleted user';
    case 'API_TOKEN':
      return `Token “${actor.tokenName ?? 'unknown'}”`;
    case 'SYSTEM':
      return 'System';
  }
}

export function AuditPage() {
  const { agencyId } = useAgency();
  const { options } = useWorkspaceOptions(agencyId);
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const status = useLiveStatus();

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every privileged change in this agency, newest first."
        actions={<LiveIndicator status={status} />}
      />
      <Group mb="md">
        <Select
          aria-label="Filter by workspace"
          placeholder="All workspaces"
          data={options}
          value={workspaceId}
          onChange={setWorkspaceId}
          clearable
          searchable
          w={280}
          maw="100%"
        />
      </Group>
      <AuditTable key={workspaceId ?? ''} agencyId={agencyId} workspaceId={workspaceId ?? undefined} />
    </>
  );
}

interface TableProps {
  agencyId: string;
  workspaceId?: string;
}

/** Loaded pages plus entries streamed in since, which are prepended and briefly highlighted. */
function AuditTable({ agencyId, workspaceId }: TableProps) {
  const variables = { agencyId, workspaceId };
  const [{ data: live = [], error }] = useSubscription(
    { query: AuditLogAddedSubscription, variables },
    (previous: AuditRowFragment[] = [], event) => [event.auditLogAdded, ...previous],
  );
  const liveIds = useMemo(() => new Set(live.map((e) => e.id)), [live]);
  const fresh = useFreshIds(live);

  return (
    <>
      {error && <ErrorAlert error={error} title="Live updates stopped" />}
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" aria-label="Audit log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={190}>Time</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Summary</Table.Th>
              <Table.Th>Workspace</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {live.map((entry) => (
              <AuditRow key={entry.id} entry={entry} fresh={fresh.has(entry.id)} />
            ))}
          </Table.Tbody>
          <Pages
            render={(page) => (
              <AuditRows {...page} variables={variables} skipIds={liveIds} hasLive={live.length > 0} />
            )}
          />
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** Ids of entries that arrived in the last few seconds. */
function useFreshIds(entries: AuditRowFragment[]): Set<string> {
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const newest = entries[0]?.id;
  useEffect(() => {
    if (!newest) return;
    setFresh((s) => new Set(s).add(newest));
    const timer = setTimeout(() => {
      setFresh((s) => {
        const next = new Set(s);
        next.delete(newest);
        return next;
      });
    }, HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [newest]);
  return fresh;
}

interface RowsProps extends PageProps {
  variables: TableProps;
  skipIds: Set<string>;
  hasLive: boolean;
}

function AuditRows({ variables, skipIds, hasLive, ...page }: RowsProps) {
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: { ...variables, after: page.after },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.auditLog;
  return (
    <Table.Tbody>
      {page.after === null && connection?.totalCount === 0 && !hasLive && (
        <EmptyRow colSpan={COLUMNS}>
            <EmptyState
              title="Nothing logged yet"
              description="Changes such as new workspaces, invitations and API tokens appear here as they happen."
            />
          </EmptyRow>
      )}
      {connection?.edges
        .filter(({ node }) => !skipIds.has(node.id))
        .map(({ node }) => <AuditRow key={node.id} entry={node} fresh={false} />)}
      <PageStatusRow {...page} colSpan={COLUMNS} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </Table.Tbody>
  );
}

function AuditRow({ entry, fresh }: { entry: AuditRowFragment; fresh: boolean }) {
  return (
    <Table.Tr
      data-fresh={fresh || undefined}
      bg={fresh ? 'yellow.1' : undefined}
      style={{ transition: 'background-color 1.5s ease' }}
    >
      <Table.Td>
        <Text size="sm">{formatDateTime(entry.createdAt)}</Text>
      </Table.Td>
      <Table.Td>{actorLabel(entry)}</Table.Td>
      <Table.Td>
        <Code>{entry.action}</Code>
      </Table.Td>
      <Table.Td>{entry.summary}</Table.Td>
      <Table.Td>
        {entry.workspace ? entry.workspace.name : <Text size="sm" c="dimmed">Agency-wide</Text>}
      </Table.Td>
    </Table.Tr>
  );
}
