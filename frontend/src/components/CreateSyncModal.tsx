import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../lib/errors';
import { ErrorAlert } from './ErrorAlert';
import { intervalProblem, SyncFields, syncInputOf, SYNC_FORM_FIELDS, type SyncFieldValues } from './SyncFields';

const CreateSyncMutation = graphql(`
  mutation CreateSync($workspaceId: ID!, $input: SyncInput!) {
    createSync(workspaceId: $workspaceId, input: $input) {
      id
      name
    }
  }
`);

/** The Syncs page lists syncs and each mapping's syncs: refetch them. */
const SYNCS_CONTEXT = { additionalTypenames: ['Sync', 'Mapping'] };

interface Props {
  workspaceId: string;
  mapping: { id: string; name: string };
  /** `justCreated`: the mapping was saved a moment ago (the modal says so). */
  justCreated?: boolean;
  onClose: () => void;
}

/** Creates a sync of a mapping: its name and when it runs. */
export function CreateSyncModal({ workspaceId, mapping, justCreated, onClose }: Props) {
  const [{ fetching, error }, createSync] = useMutation(CreateSyncMutation);
  const [values, setValues] = useState<SyncFieldValues>({ name: mapping.name, interval: '', cron: '', onEvents: false, enabled: true });
  const [localError, setLocalError] = useState<string>();
  const problems = formErrors(error, SYNC_FORM_FIELDS);
  const fields = localError ? { ...problems.fields, intervalMinutes: localError } : problems.fields;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = intervalProblem(values.interval);
    setLocalError(problem);
    if (problem) return;
    const { enabled: _enabled, ...input } = syncInputOf(values);
    const result = await createSync({ workspaceId, input: { ...input, mappingId: mapping.id } }, SYNCS_CONTEXT);
    if (result.data) {
      notifications.show({
        color: 'teal',
        title: `Sync “${result.data.createSync.name}” created`,
        message: 'Run it now from the list, or let its schedule start it.',
      });
      onClose();
    }
  };

  return (
    <Modal opened onClose={onClose} title={`New sync of “${mapping.name}”`} centered>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New sync">
        <Stack>
          {justCreated && (
            <Text size="sm">
              The mapping is saved. A sync runs it: on demand, on a schedule, or when the source changes. Create one now,
              or later from the list of mappings.
            </Text>
          )}
          <SyncFields value={values} onChange={(part) => setValues((v) => ({ ...v, ...part }))} errors={fields} />
          <ErrorAlert message={problems.form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {justCreated ? 'Not now' : 'Cancel'}
            </Button>
            <Button type="submit" loading={fetching} disabled={!values.name.trim()}>
              Create sync
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
