import { ActionIcon, Badge, Button, Menu, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconUserMinus, IconUserPlus, IconUserCog } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ChangeRoleModal, type MemberToEdit } from '../components/ChangeRoleModal';
import { ConfirmModal } from '../components/ConfirmModal';
import { DateTime } from '../components/DateTime';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from '../components/DataList';
import { EmptyState } from '../components/EmptyState';
import { InviteMemberModal } from '../components/InviteMemberModal';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { RoleBadge } from '../components/RoleBadge';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
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

const MEMBER_COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Email' },
  { label: 'Role' },
  { label: 'Workspace access' },
];
const INVITATION_COLUMNS: Column[] = [
  { label: 'Email' },
  { label: 'Role' },
  { label: 'Workspace access' },
  { label: 'Expires' },
];
const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true, w: 60 };

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

  const memberColumns = manage ? [...MEMBER_COLUMNS, ACTIONS_COLUMN] : MEMBER_COLUMNS;
  const invitationColumns = manage ? [...INVITATION_COLUMNS, { ...ACTIONS_COLUMN, w: 100 }] : INVITATION_COLUMNS;

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
      <DataList label="Members" columns={memberColumns} minWidth={720}>
        <Pages
          render={(page) => (
            <MemberRows
              {...page}
              agencyId={agencyId}
              columns={memberColumns.length}
              selfId={membershipId}
              manage={manage}
              onEdit={setEditing}
              onRemove={setRemoving}
            />
          )}
        />
      </DataList>

      <Title order={3} mt="xl" mb="sm">
        Pending invitations
      </Title>
      <DataList label="Pending invitations" columns={invitationColumns} minWidth={720}>
        <Pages
          render={(page) => (
            <InvitationRows
              {...page}
              agencyId={agencyId}
              columns={invitationColumns.length}
              manage={manage}
              onRevoke={setRevoking}
            />
          )}
        />
      </DataList>

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
  const { cards } = useDataListLayout();
  const [{ data, fetching, error }] = useQuery({
    query: MembersQuery,
    variables: { agencyId, after: page.after },
    context: MEMBERS_CONTEXT,
    // Invitees join from elsewhere: coming back to the page refreshes the cached list.
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.members;
  return (
    <DataListBody>
      {connection?.edges.map(({ node }) => {
        const self = node.id === selfId;
        const youBadge = self && (
          <Badge size="xs" variant="outline">
            You
          </Badge>
        );
        const access = accessLabel(node.allWorkspaces, node.workspaces);
        const actions = manage && !self && (
          <MemberActions
            name={node.user.name}
            onEdit={() =>
              onEdit({
                id: node.id,
                name: node.user.name,
                role: node.role,
                allWorkspaces: node.allWorkspaces,
                workspaceIds: node.workspaces.map((w) => w.id),
              })
            }
            onRemove={() => onRemove({ id: node.id, label: node.user.name })}
          />
        );
        return cards ? (
          <ListCard
            key={node.id}
            label={node.user.name}
            title={node.user.name}
            badges={
              <>
                <RoleBadge role={node.role} />
                {youBadge}
              </>
            }
            facts={[
              { label: 'Email', value: node.user.email },
              { label: 'Access', value: access },
            ]}
            actions={actions}
          />
        ) : (
          <Table.Tr key={node.id}>
            <Table.Td fw={500}>
              {node.user.name} {youBadge}
            </Table.Td>
            <Table.Td>{node.user.email}</Table.Td>
            <Table.Td>
              <RoleBadge role={node.role} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{access}</Text>
            </Table.Td>
            {manage && <Table.Td>{actions}</Table.Td>}
          </Table.Tr>
        );
      })}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </DataListBody>
  );
}

function MemberActions({ name, onEdit, onRemove }: { name: string; onEdit: () => void; onRemove: () => void }) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconUserCog size={16} />} onClick={onEdit}>
          Change role
        </Menu.Item>
        <Menu.Item leftSection={<IconUserMinus size={16} />} color="red" onClick={onRemove}>
          Remove
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface InvitationRowsProps extends PageProps {
  agencyId: string;
  columns: number;
  manage: boolean;
  onRevoke: (target: Target) => void;
}

function InvitationRows({ agencyId, columns, manage, onRevoke, ...page }: InvitationRowsProps) {
  const { cards } = useDataListLayout();
  const [{ data, fetching, error }] = useQuery({
    query: PendingInvitationsQuery,
    variables: { agencyId, after: page.after },
    context: INVITATIONS_CONTEXT,
  });
  const connection = data?.invitations;
  return (
    <DataListBody>
      {page.after === null && connection?.totalCount === 0 && (
        <EmptyRow colSpan={columns}>
          <EmptyState title="No pending invitations" description="Invitations you send appear here until accepted." />
        </EmptyRow>
      )}
      {connection?.edges.map(({ node }) => {
        const access = accessLabel(node.allWorkspaces, node.workspaces);
        const revoke = manage && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => onRevoke({ id: node.id, label: node.email })}
            aria-label={`Revoke invitation for ${node.email}`}
          >
            Revoke
          </Button>
        );
        return cards ? (
          <ListCard
            key={node.id}
            label={node.email}
            title={node.email}
            badges={<RoleBadge role={node.role} />}
            facts={[
              { label: 'Access', value: access },
              { label: 'Expires', value: <DateTime value={node.expiresAt} /> },
            ]}
            actions={revoke}
          />
        ) : (
          <Table.Tr key={node.id}>
            <Table.Td>{node.email}</Table.Td>
            <Table.Td>
              <RoleBadge role={node.role} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{access}</Text>
            </Table.Td>
            <Table.Td>
              <DateTime value={node.expiresAt} />
            </Table.Td>
            {manage && <Table.Td>{revoke}</Table.Td>}
          </Table.Tr>
        );
      })}
      <PageStatusRow {...page} colSpan={columns} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </DataListBody>
  );
}
