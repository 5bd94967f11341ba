import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { SyncDetailFragment } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import { ConfirmModal } from './ConfirmModal';
import { ErrorAlert } from './ErrorAlert';
import { intervalProblem, SyncFields, syncInputOf, SYNC_FORM_FIELDS, type SyncFieldValues } from './SyncFields';

const UpdateSyncMutation = graphql(`
  mutation UpdateSync($id: ID!, $input: SyncInput!) {
    updateSync(id: $id, input: $input) {
      ...SyncDetail
    }
  }
`);

const DeleteSyncMutation = graphql(`
  mutation DeleteSync($id: ID!) {
    deleteSync(id: $id)
  }
`);

/** deleteSync answers a Boolean: name the types so the lists refetch. */
const DELETE_CONTEXT = { additionalTypenames: ['Sync', 'Mapping'] };

interface Props {
  sync: SyncDetailFragment;
  /** The workspace's address, where the Syncs page is. */
  base: string;
  writable: boolean;
}

const valuesOf = (sync: SyncDetailFragment): SyncFieldValues => ({
  name: sync.name,
  interval: sync.intervalMinutes ? String(sync.intervalMinutes) : '',
  cron: sync.cron,
  onEvents: sync.onEvents,
  enabled: sync.enabled,
});

/** A sync's name, schedule and switch, saved with updateSync; and deleting it. */
export function SyncSettings({ sync, base, writable }: Props) {
  const navigate = useNavigate();
  const [values, setValues] = useState<SyncFieldValues>(() => valuesOf(sync));
  const [localError, setLocalError] = useState<string>();
  const [updateState, updateSync] = useMutation(UpdateSyncMutation);
  const [deleteState, deleteSync] = useMutation(DeleteSyncMutation);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const problems = formErrors(updateState.error, SYNC_FORM_FIELDS);
  const fields = localError ? { ...problems.fields, intervalMinutes: localError } : problems.fields;
  const dirty = JSON.stringify(syncInputOf(values)) !== JSON.stringify(syncInputOf(valuesOf(sync)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = intervalProblem(values.interval);
    setLocalError(problem);
    if (problem) return;
    const result = await updateSync({ id: sync.id, input: { ...syncInputOf(values), mappingId: sync.mapping.id } });
    if (result.data) {
      setValues(valuesOf(result.data.updateSync));
      notifications.show({ color: 'teal', message: `“${result.data.updateSync.name}” saved.` });
    }
  };

  const remove = async () => {
    const result = await deleteSync({ id: sync.id }, DELETE_CONTEXT);
    if (result.data) {
      notifications.show({ color: 'teal', message: `“${sync.name}” deleted.` });
      void navigate(`${base}/syncs`);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Settings" mt="md">
      <Title order={3} size="h4">
        Settings
      </Title>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Sync settings">
        <Stack gap="sm" mt="sm" maw={520}>
          <SyncFields
            value={values}
            onChange={(part) => setValues((v) => ({ ...v, ...part }))}
            errors={fields}
            withEnabled
            readOnly={!writable}
          />
          <ErrorAlert message={problems.form} title="Could not save" />
          {writable && (
            <Group justify="space-between">
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={updateState.fetching}
                disabled={!dirty || !values.name.trim()}
              >
                Save settings
              </Button>
              <Button color="red" variant="subtle" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
                Delete sync
              </Button>
            </Group>
          )}
          {!writable && (
            <Text size="sm" c="dimmed">
              You can see this sync but not change it.
            </Text>
          )}
        </Stack>
      </form>
      <ConfirmModal
        opened={confirmDelete}
        title={`Delete “${sync.name}”?`}
        message="The sync and its run history are removed; a run in progress stops. Records already written stay in the target. The mapping is kept."
        confirmLabel="Delete sync"
        loading={deleteState.fetching}
        error={deleteState.error}
        onConfirm={() => void remove()}
        onClose={() => setConfirmDelete(false)}
      />
    </Card>
  );
}
