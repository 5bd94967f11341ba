import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import { assignableRoles, ROLE_LABELS } from '../lib/roles';
import { ErrorAlert } from './ErrorAlert';
import {
  WorkspaceAccessInput,
  workspaceAccessError,
  workspaceIdsFor,
  type WorkspaceAccess,
} from './WorkspaceAccessInput';

const ChangeMemberRoleMutation = graphql(`
  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) {
      id
      role
      allWorkspaces
      workspaces {
        id
        name
      }
    }
  }
`);

export interface MemberToEdit {
  id: string;
  name: string;
  role: Role;
  allWorkspaces: boolean;
  workspaceIds: string[];
}

interface Props {
  agencyId: string;
  viewerRole: Role;
  member: MemberToEdit;
  onClose: () => void;
}

export function ChangeRoleModal({ agencyId, viewerRole, member, onClose }: Props) {
  const [{ fetching, error }, changeRole] = useMutation(ChangeMemberRoleMutation);
  const [role, setRole] = useState<Role>(member.role);
  const [access, setAccess] = useState<WorkspaceAccess>({ all: member.allWorkspaces, ids: member.workspaceIds });
  const [accessError, setAccessError] = useState<string>();
  const errors = formErrors(error, ['role', 'workspaceIds']);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = workspaceAccessError(role, access);
    setAccessError(invalid);
    if (invalid) return;
    const result = await changeRole({
      input: { membershipId: member.id, role, workspaceIds: workspaceIdsFor(role, access) },
    });
    if (!result.error) {
      notifications.show({ color: 'teal', message: `${member.name} is now ${ROLE_LABELS[role]}.` });
      onClose();
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Change role of ${member.name}`} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Select
            label="Role"
            data={assignableRoles(viewerRole).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={role}
            allowDeselect={false}
            onChange={(r) => r && setRole(r as Role)}
            error={errors.fields.role}
          />
          <WorkspaceAccessInput
            agencyId={agencyId}
            role={role}
            value={access}
            onChange={setAccess}
            error={accessError ?? errors.fields.workspaceIds}
          />
          <ErrorAlert message={errors.form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={fetching}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
