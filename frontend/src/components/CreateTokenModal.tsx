import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { TokenAccess } from '../gql/graphql';
import { GRAPHQL_PATH } from '../lib/client';
import { formErrors } from '../lib/errors';
import { CopyField } from './CopyField';
import { ErrorAlert } from './ErrorAlert';
import { useWorkspaceOptions } from './WorkspaceAccessInput';

const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      token {
        id
        name
      }
    }
  }
`);

export function curlExample(secret: string, origin: string = window.location.origin): string {
  return `curl -H "Authorization: Bearer ${secret}" -H "Content-Type: application/json" -d '{"query":"{ viewer { user { email } } }"}' ${origin}${GRAPHQL_PATH}`;
}

interface Props {
  agencyId: string;
  onClose: () => void;
}

export function CreateTokenModal({ agencyId, onClose }: Props) {
  const [{ data, fetching, error }, create] = useMutation(CreateApiTokenMutation);
  const { options } = useWorkspaceOptions(agencyId);
  const [name, setName] = useState('');
  const [access, setAccess] = useState<TokenAccess>('READ_ONLY');
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const errors = formErrors(error, ['name', 'access', 'workspaceId']);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await create({ input: { agencyId, name: name.trim(), access, workspaceId: workspaceId ?? undefined } });
  };

  const created = data?.createApiToken;
  return (
    <Modal
      opened
      onClose={onClose}
      title={created ? `Token “${created.token.name}” created` : 'Create API token'}
      centered
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle />} title="Copy the secret now">
            It will not be shown again. Store it somewhere safe; if it is lost, revoke the token and create a new one.
          </Alert>
          <CopyField label="Secret" value={created.secret} />
          <CopyField label="Try it" value={curlExample(created.secret)} block />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              description="What uses it, e.g. “ERP sync”."
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.fields.name}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="token-access-label">
                Access
              </Text>
              <SegmentedControl
                aria-labelledby="token-access-label"
                data={[
                  { value: 'READ_ONLY', label: 'Read only' },
                  { value: 'READ_WRITE', label: 'Read & write' },
                ]}
                value={access}
                onChange={(v) => setAccess(v as TokenAccess)}
              />
              {errors.fields.access && (
                <Text size="xs" c="red">
                  {errors.fields.access}
                </Text>
              )}
            </Stack>
            <Select
              label="Workspace"
              description="Limit the token to one workspace, or leave empty for the whole agency."
              placeholder="Whole agency"
              data={options}
              value={workspaceId}
              onChange={setWorkspaceId}
              clearable
              searchable
              error={errors.fields.workspaceId}
            />
            <ErrorAlert message={errors.form} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={fetching} disabled={!name.trim()}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
