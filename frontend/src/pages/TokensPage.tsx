import { Badge, Button, Group, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { CreateTokenModal } from '../components/CreateTokenModal';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
import { formatDateTime } from '../lib/format';
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
  const columns = writable ? 9 : 8;

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
      <Table.ScrollContainer minWidth={980}>
        <Table verticalSpacing="sm" aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Created by</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Revoked</Table.Th>
              {writable && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Pages
            key={String(includeRevoked)}
            render={(page) => (
              <TokenRows
                {...page}
                agencyId={agencyId}
                includeRevoked={includeRevoked}
                columns={columns}
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
        </Table>
      </Table.ScrollContainer>
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
  const [{ data, fetching, error }] = useQuery({
    query: ApiTokensQuery,
    variables: { agencyId, includeRevoked, after: page.after },
    context: LIST_CONTEXT,
  });
  const connection = data?.apiTokens;
  return (
    <Table.Tbody>
      {page.after === null && connection?.totalCount === 0 && (
        <EmptyRow colSpan={columns}>{empty}</EmptyRow>
      )}
      {connection?.edges.map(({ node }) => (
        <Table.Tr key={node.id} c={node.revokedAt ? 'dimmed' : undefined}>
          <Table.Td fw={500}>{node.name}</Table.Td>
          <Table.Td>
            <Text ff="monospace" size="sm">
              {node.prefix}…
            </Text>
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color={node.access === 'READ_WRITE' ? 'orange' : 'blue'}>
              {node.access === 'READ_WRITE' ? 'Read & write' : 'Read only'}
            </Badge>
          </Table.Td>
          <Table.Td>{node.workspace?.name ?? 'Whole agency'}</Table.Td>
          <Table.Td>{node.createdBy?.name ?? '—'}</Table.Td>
          <Table.Td>{formatDateTime(node.createdAt)}</Table.Td>
          <Table.Td>{node.lastUsedAt ? formatDateTime(node.lastUsedAt) : 'Never'}</Table.Td>
          <Table.Td>{node.revokedAt ? formatDateTime(node.revokedAt) : '—'}</Table.Td>
          {writable && (
            <Table.Td>
              {!node.revokedAt && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => onRevoke({ id: node.id, name: node.name })}
                  aria-label={`Revoke ${node.name}`}
                >
                  Revoke
                </Button>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </Table.Tbody>
  );
}
