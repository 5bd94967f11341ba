import { Alert, Card, Code, Drawer, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { SyncRunFieldsFragment } from '../gql/graphql';
import { DateTime } from './DateTime';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';

const SyncRunErrorsQuery = graphql(`
  query SyncRunErrors($id: ID!) {
    syncRun(id: $id) {
      id
      error
      recordErrors(first: 100) {
        id
        sourceId
        reason
        record
        createdAt
      }
    }
  }
`);

interface Props {
  /** The run whose failed records to show; none when closed. */
  run: SyncRunFieldsFragment | null;
  onClose: () => void;
}

/** The records a run could not write: each source id, why, and the record itself. */
export function SyncRunErrorsDrawer({ run, onClose }: Props) {
  return (
    <Drawer opened={run !== null} onClose={onClose} position="right" size="lg" title="Failed records">
      {run && <RecordErrors run={run} />}
    </Drawer>
  );
}

function RecordErrors({ run }: { run: SyncRunFieldsFragment }) {
  const [{ data, error }] = useQuery({ query: SyncRunErrorsQuery, variables: { id: run.id }, requestPolicy: 'cache-and-network' });
  const errors = data?.syncRun?.recordErrors;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Run started <DateTime value={run.startedAt} />: {run.recordsFailed.toLocaleString()} record
        {run.recordsFailed === 1 ? '' : 's'} could not be written. The other records are not held up by them.
      </Text>
      {data?.syncRun?.error && (
        <Alert color="red" p="xs" icon={<IconAlertCircle />}>
          {data.syncRun.error}
        </Alert>
      )}
      {!data && error && <ErrorAlert error={error} />}
      {!data && !error && (
        <Stack gap="sm" aria-busy aria-label="Loading failed records">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={90} radius="md" />
          ))}
        </Stack>
      )}
      {data && !data.syncRun && <EmptyState title="Run not found" description="This run was deleted with its sync." />}
      {errors && errors.length === 0 && (
        <EmptyState title="No failed records" description="Every record this run read was written, or its errors were cleared." />
      )}
      {errors?.map((e) => (
        <Card key={e.id} withBorder radius="md" padding="sm" component="article" aria-label={`Record ${e.sourceId}`}>
          <Group justify="space-between" gap="xs" mb={4}>
            <Code>{e.sourceId}</Code>
            <Text size="xs" c="dimmed">
              <DateTime value={e.createdAt} />
            </Text>
          </Group>
          <Text size="sm" c="red.8" mb="xs">
            {e.reason}
          </Text>
          <Code block style={{ maxHeight: 240, overflow: 'auto' }}>
            {JSON.stringify(e.record, null, 2)}
          </Code>
        </Card>
      ))}
      {errors && errors.length >= 100 && (
        <Text size="xs" c="dimmed">
          The first 100 failed records are shown.
        </Text>
      )}
    </Stack>
  );
}
