import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import type { SyncRunFieldsFragment } from '../gql/graphql';
import { reasonLabel, SYNC_MODE_LABELS } from '../lib/syncs';
import { DateTime } from './DateTime';
import { SyncRunProgress } from './SyncRunProgress';

interface Props {
  run: SyncRunFieldsFragment;
  syncName: string;
  writable: boolean;
  onCancel: () => void;
}

/** The run in progress: its bar, pace, time left and counters, and the button that stops it. */
export function SyncActiveRun({ run, syncName, writable, onCancel }: Props) {
  return (
    <Card withBorder radius="md" padding="md" mb="md" component="section" aria-label="Run in progress">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={2}>
          <Title order={3} size="h4">
            Running · {SYNC_MODE_LABELS[run.mode].toLowerCase()}
          </Title>
          <Text size="sm" c="dimmed">
            {reasonLabel(run.reason)} run started <DateTime value={run.startedAt} /> · mapping version {run.mappingVersion} · page{' '}
            {run.pages.toLocaleString()}
          </Text>
        </Stack>
        {writable && (
          <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={onCancel}>
            Cancel run
          </Button>
        )}
      </Group>
      <SyncRunProgress run={run} label={`Progress of ${syncName}`} size="lg" />
      <SimpleGrid cols={3} mt="sm" maw={420}>
        <Counter label="Read" value={run.recordsRead} />
        <Counter label="Written" value={run.recordsWritten} />
        <Counter label="Failed" value={run.recordsFailed} color={run.recordsFailed > 0 ? 'red' : undefined} />
      </SimpleGrid>
    </Card>
  );
}

function Counter({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0} aria-label={`${label}: ${value.toLocaleString()}`} role="group">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" c={color}>
        {value.toLocaleString()}
      </Text>
    </Stack>
  );
}
