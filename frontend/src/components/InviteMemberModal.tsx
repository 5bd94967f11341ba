import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import { assignableRoles, ROLE_LABELS } from '../lib/roles';
import { CopyField } from './CopyField';
import { ErrorAlert } from './ErrorAlert';
import {
  WorkspaceAccessInput,
  workspaceAccessError,
  workspaceIdsFor,
  type WorkspaceAccess,
} from './WorkspaceAccessInput';

const InviteMemberMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      inviteUrl
      invitation {
        id
        email
      }
    }
  }
`);

interface Props {
  agencyId: string;
  viewerRole: Role;
  onClose: () => void;
}

export function InviteMemberModal({ agencyId, viewerRole, onClose }: Props) {
  const [{ data, fetching, error }, invite] = useMutation(InviteMemberMutation);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [access, setAccess] = useState<WorkspaceAccess>({ all: true, ids: [] });
  const [accessError, setAccessError] = useState<string>();
  const errors = formErrors(error, ['email', 'role', 'workspaceIds']);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = workspaceAccessError(role, access);
    setAccessError(invalid);
    if (!invalid) await invite({ input: { agencyId, email, role, workspaceIds: workspaceIdsFor(role, access) } });
  };

  const result = data?.inviteMember;
  return (
    <Modal opened onClose={onClose} title={result ? 'Invitation created' : 'Invite a member'} centered size="lg">
      {result ? (
        <Stack>
          <CopyField label="Invite link" value={result.inviteUrl} />
          <Alert color="yellow" icon={<IconInfoCircle />} title="Shown only once">
            Send this link to {result.invitation.email}. It is shown only now, can be used once and expires in 7
            days.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label="Email"
              type="email"
              required
              data-autofocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.fields.email}
            />
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
                Create invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
