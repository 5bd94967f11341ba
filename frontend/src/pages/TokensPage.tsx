import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { CreateTokenModal } from '../components/CreateTokenModal';
import { DateTime } from '../components/DateTime';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from '../components/DataList';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { graphql } from '../gql';
import type { TokenAccess } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { canWrite } from '../lib/roles';

const ApiTokensQuery = graphql(`
  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {
    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {
      totalCount
      edges {
        node {
          id
          name
          prefix
          access
          workspace {
            id
            name
          }
          createdBy {
            id
            name
          }
          createdAt
          lastUsedAt
          revokedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

const LIST_CONTEXT = { additionalTypenames: ['ApiToken'] };

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Prefix' },
  { label: 'Access' },
  { label: 'Scope' },
  { label: 'Created by' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'Revoked' },
];
const WRITABLE_COLUMNS: Column[] = [...COLUMNS, { label: 'Actions', hidden: true }];

interface Target {
  id: string;
  name: string;
}

export function TokensPage() {
  const { agencyId, role } = useAgency();
  const writable = canWrite(role);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Target | null>(null);
  const [revokeState, revoke] = useMutation(RevokeApiTokenMutation);
  const columns = writable ? WRITABLE_COLUMNS : COLUMNS;

  const confirmRevoke = async (target: Target) => {
    const { error } = await revoke({ id: target.id });
    if (error) return;
    notifications.show({ color: 'teal', message: `Token “${target.name}” revoked.` });
    setRevoking(null);
  };

  const createButton = writable && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      Create token
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and other systems call the Switchboard API."
        actions={createButton}
      />
      <Group mb="md">
        <Switch
          label="Show revoked"
          checked={includeRevoked}
          onChange={(e) => setIncludeRevoked(e.currentTarget.checked)}
        />
      </Group>
      <DataList label="API tokens" columns={columns} minWidth={980}>
        <Pages
          key={String(includeRevoked)}
          render={(page) => (
            <TokenRows
              {...page}
              agencyId={agencyId}
              includeRevoked={includeRevoked}
              columns={columns.length}
              writable={writable}
              onRevoke={setRevoking}
              empty={
                <EmptyState
                  title="No API tokens"
                  description="Create a token to connect an ERP, a script or another system to this agency's data."
                  action={createButton}
                />
              }
            />
          )}
        />
      </DataList>
      {creating && <CreateTokenModal agencyId={agencyId} onClose={() => setCreating(false)} />}
      <ConfirmModal
        opened={!!revoking}
        title="Revoke token"
        message={`Revoke “${revoking?.name}”? Anything using it stops working immediately.`}
        confirmLabel="Revoke"
        loading={revokeState.fetching}
        error={revokeState.error}
        onConfirm={() => revoking && confirmRevoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

interface RowsProps extends PageProps {
  agencyId: string;
  includeRevoked: boolean;
  columns: number;
  writable: boolean;
  onRevoke: (target: Target) => void;
  empty: ReactNode;
}

function TokenRows({ agencyId, includeRevoked, columns, writable, onRevoke, empty, ...page }: RowsProps) {
  const { cards } = useDataListLayout();
  const [{ data, fetching, error }] = useQuery({
    query: ApiTokensQuery,
    variables: { agencyId, includeRevoked, after: page.after },
    context: LIST_CONTEXT,
  });
  const connection = data?.apiTokens;
  return (
    <DataListBody>
      {page.after === null && connection?.totalCount === 0 && <EmptyRow colSpan={columns}>{empty}</EmptyRow>}
      {connection?.edges.map(({ node }) => {
        const prefix = (
          <Text span ff="monospace" size="sm">
            {node.prefix}…
          </Text>
        );
        const scope = node.workspace?.name ?? 'Whole agency';
        const createdBy = node.createdBy?.name ?? '—';
        const lastUsed = node.lastUsedAt ? <DateTime value={node.lastUsedAt} /> : 'Never';
        const revoke = writable && !node.revokedAt && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => onRevoke({ id: node.id, name: node.name })}
            aria-label={`Revoke ${node.name}`}
          >
            Revoke
          </Button>
        );
        if (cards) {
          return (
            <ListCard
              key={node.id}
              label={node.name}
              title={node.name}
              dimmed={!!node.revokedAt}
              badges={
                <>
                  <AccessBadge access={node.access} />
                  {node.revokedAt && <RevokedBadge />}
                </>
              }
              facts={[
                { label: 'Prefix', value: prefix },
                { label: 'Scope', value: scope },
                { label: 'Created by', value: createdBy },
                { label: 'Created', value: <DateTime value={node.createdAt} /> },
                { label: 'Last used', value: lastUsed },
                ...(node.revokedAt ? [{ label: 'Revoked', value: <DateTime value={node.revokedAt} /> }] : []),
              ]}
              actions={revoke}
            />
          );
        }
        return (
          <Table.Tr key={node.id} c={node.revokedAt ? 'dimmed' : undefined}>
            <Table.Td fw={500}>
              {node.name} {node.revokedAt && <RevokedBadge />}
            </Table.Td>
            <Table.Td>{prefix}</Table.Td>
            <Table.Td>
              <AccessBadge access={node.access} />
            </Table.Td>
            <Table.Td>{scope}</Table.Td>
            <Table.Td>{createdBy}</Table.Td>
            <Table.Td>
              <DateTime value={node.createdAt} />
            </Table.Td>
            <Table.Td>{lastUsed}</Table.Td>
            <Table.Td>{node.revokedAt ? <DateTime value={node.revokedAt} /> : '—'}</Table.Td>
            {writable && <Table.Td>{revoke}</Table.Td>}
          </Table.Tr>
        );
      })}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </DataListBody>
  );
}

function RevokedBadge() {
  return (
    <Badge color="red" variant="light">
      Revoked
    </Badge>
  );
}

function AccessBadge({ access }: { access: TokenAccess }) {
  return (
    <Badge variant="light" color={access === 'READ_WRITE' ? 'orange' : 'blue'}>
      {access === 'READ_WRITE' ? 'Read & write' : 'Read only'}
    </Badge>
  );
}
