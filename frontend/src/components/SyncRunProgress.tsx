import { Progress, Stack, Text } from '@mantine/core';
import { progressPercent, progressText, type SyncRunLike } from '../lib/syncs';

interface Props {
  run: SyncRunLike;
  /** What the bar is the progress of, for screen readers. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
}

/** A running sync run's bar (striped and moving when the total is unknown), with counts, pace and time left. */
export function SyncRunProgress({ run, label, size = 'md' }: Props) {
  const percent = progressPercent(run);
  return (
    <Stack gap={4} miw={200}>
      <Progress
        value={percent ?? 100}
        striped={percent === null}
        animated={percent === null}
        size={size}
        aria-label={percent === null ? `${label} (total not known yet)` : label}
      />
      <Text size="xs" c="dimmed" data-testid="sync-progress">
        {progressText(run)}
      </Text>
    </Stack>
  );
}
