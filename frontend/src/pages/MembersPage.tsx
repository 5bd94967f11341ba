import { ActionIcon, Badge, Button, Menu, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconUserMinus, IconUserPlus, IconUserCog } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ChangeRoleModal, type MemberToEdit } from '../components/ChangeRoleModal';
import { ConfirmModal } from '../components/ConfirmModal';
import { EmptyState } from '../components/EmptyState';
import { InviteMemberModal } from '../components/InviteMemberModal';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { RoleBadge } from '../components/RoleBadge';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
import { formatDateTime } from '../lib/format';
import { canManage } from '../lib/roles';

const MembersQuery = graphql(`
  query Members($agencyId: ID!, $after: String) {
    members(agencyId: $agencyId, first: 20, after: $after) {
      totalCount
      edges {
        node {
          id
          role
          allWorkspaces
          workspaces {
            id
            name
          }
          user {
            id
            name
            email
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PendingInvitationsQuery = graphql(`
  query PendingInvitations($agencyId: ID!, $after: String) {
    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {
      totalCount
      edges {
        node {
          id
          email
          role
          allWorkspaces
          workspaces {
            id
            name
          }
          expiresAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation RemoveMember($membershipId: ID!) {
    removeMember(membershipId: $membershipId)
  }
`);

const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

const MEMBERS_CONTEXT = { additionalTypenames: ['Membership'] };
const INVITATIONS_CONTEXT = { additionalTypenames: ['Invitation'] };

function accessLabel(allWorkspaces: boolean, workspaces: { name: string }[]): string {
  if (allWorkspaces) return 'All workspaces';
  return workspaces.length ? workspaces.map((w) => w.name).join(', ') : 'No workspaces';
}

interface Target {
  id: string;
  label: string;
}

export function MembersPage() {
  const { agencyId, role, membershipId } = useAgency();
  const manage = canManage(role);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<MemberToEdit | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  const [revoking, setRevoking] = useState<Target | null>(null);
  const [removeState, removeMember] = useMutation(RemoveMemberMutation);
  const [revokeState, revokeInvitation] = useMutation(RevokeInvitationMutation);

  const confirmRemove = async (target: Target) => {
    // removeMember returns a Boolean, so tell the cache which lists to refetch.
    const { error } = await removeMember({ membershipId: target.id }, MEMBERS_CONTEXT);
    if (error) return;
    notifications.show({ color: 'teal', message: `${target.label} was removed.` });
    setRemoving(null);
  };

  const confirmRevoke = async (target: Target) => {
    const { error } = await revokeInvitation({ id: target.id });
    if (error) return;
    notifications.show({ color: 'teal', message: `Invitation for ${target.label} revoked.` });
    setRevoking(null);
  };

  const memberColumns = manage ? 5 : 4;
  const invitationColumns = manage ? 5 : 4;

  return (
    <>
      <PageHeader
        title="Members"
        description="People in this agency, their roles and the workspaces they can reach."
        actions={
          manage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite
            </Button>
          )
        }
      />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Workspace access</Table.Th>
              {manage && (
                <Table.Th w={60}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Pages
            render={(page) => (
              <MemberRows
                {...page}
                agencyId={agencyId}
                columns={memberColumns}
                selfId={membershipId}
                manage={manage}
                onEdit={setEditing}
                onRemove={setRemoving}
              />
            )}
          />
        </Table>
      </Table.ScrollContainer>

      <Title order={3} mt="xl" mb="sm">
        Pending invitations
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label="Pending invitations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Workspace access</Table.Th>
              <Table.Th>Expires</Table.Th>
              {manage && (
                <Table.Th w={100}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Pages
            render={(page) => (
              <InvitationRows
                {...page}
                agencyId={agencyId}
                columns={invitationColumns}
                manage={manage}
                onRevoke={setRevoking}
              />
            )}
          />
        </Table>
      </Table.ScrollContainer>

      {inviting && <InviteMemberModal agencyId={agencyId} viewerRole={role} onClose={() => setInviting(false)} />}
      {editing && (
        <ChangeRoleModal agencyId={agencyId} viewerRole={role} member={editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmModal
        opened={!!removing}
        title="Remove member"
        message={`Remove ${removing?.label} from this agency? They lose access to every workspace at once.`}
        confirmLabel="Remove"
        loading={removeState.fetching}
        error={removeState.error}
        onConfirm={() => removing && confirmRemove(removing)}
        onClose={() => setRemoving(null)}
      />
      <ConfirmModal
        opened={!!revoking}
        title="Revoke invitation"
        message={`Revoke the invitation for ${revoking?.label}? The link stops working.`}
        confirmLabel="Revoke"
        loading={revokeState.fetching}
        error={revokeState.error}
        onConfirm={() => revoking && confirmRevoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

interface MemberRowsProps extends PageProps {
  agencyId: string;
  columns: number;
  selfId: string;
  manage: boolean;
  onEdit: (member: MemberToEdit) => void;
  onRemove: (target: Target) => void;
}

function MemberRows({ agencyId, columns, selfId, manage, onEdit, onRemove, ...page }: MemberRowsProps) {
  const [{ data, fetching, error }] = useQuery({
    query: MembersQuery,
    variables: { agencyId, after: page.after },
    context: MEMBERS_CONTEXT,
  });
  const connection = data?.members;
  return (
    <Table.Tbody>
      {connection?.edges.map(({ node }) => (
        <Table.Tr key={node.id}>
          <Table.Td fw={500}>
            {node.user.name}{' '}
            {node.id === selfId && (
              <Badge size="xs" variant="outline">
                You
              </Badge>
            )}
          </Table.Td>
          <Table.Td>{node.user.email}</Table.Td>
          <Table.Td>
            <RoleBadge role={node.role} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{accessLabel(node.allWorkspaces, node.workspaces)}</Text>
          </Table.Td>
          {manage && (
            <Table.Td>
              {node.id !== selfId && (
                <Menu position="bottom-end">
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${node.user.name}`}>
                      <IconDots size={18} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      leftSection={<IconUserCog size={16} />}
                      onClick={() =>
                        onEdit({
                          id: node.id,
                          name: node.user.name,
                          role: node.role,
                          allWorkspaces: node.allWorkspaces,
                          workspaceIds: node.workspaces.map((w) => w.id),
                        })
                      }
                    >
                      Change role
                    </Menu.Item>
                    <Menu.Item
                      leftSection={<IconUserMinus size={16} />}
                      color="red"
                      onClick={() => onRemove({ id: node.id, label: node.user.name })}
                    >
                      Remove
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </Table.Tbody>
  );
}

interface InvitationRowsProps extends PageProps {
  agencyId: string;
  columns: number;
  manage: boolean;
  onRevoke: (target: Target) => void;
}

function InvitationRows({ agencyId, columns, manage, onRevoke, ...page }: InvitationRowsProps) {
  const [{ data, fetching, error }] = useQuery({
    query: PendingInvitationsQuery,
    variables: { agencyId, after: page.after },
    context: INVITATIONS_CONTEXT,
  });
  const connection = data?.invitations;
  return (
    <Table.Tbody>
      {page.after === null && connection?.totalCount === 0 && (
        <EmptyRow colSpan={columns}>
            <EmptyState title="No pending invitations" description="Invitations you send appear here until accepted." />
          </EmptyRow>
      )}
      {connection?.edges.map(({ node }) => (
        <Table.Tr key={node.id}>
          <Table.Td>{node.email}</Table.Td>
          <Table.Td>
            <RoleBadge role={node.role} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{accessLabel(node.allWorkspaces, node.workspaces)}</Text>
          </Table.Td>
          <Table.Td>{formatDateTime(node.expiresAt)}</Table.Td>
          {manage && (
            <Table.Td>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRevoke({ id: node.id, label: node.email })}>
                Revoke
              </Button>
            </Table.Td>
          )}
        </Table.Tr>
      ))}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </Table.Tbody>
  );
}
