import { Badge } from '@mantine/core';
import type { LiveStatus } from '../lib/live';

const LOOK: Record<LiveStatus, { color: string; label: string }> = {
  idle: { color: 'gray', label: 'Not live' },
  connecting: { color: 'yellow', label: 'Connecting…' },
  connected: { color: 'teal', label: 'Live' },
  reconnecting: { color: 'yellow', label: 'Reconnecting…' },
  offline: { color: 'red', label: 'Offline' },
};

/** Shows whether live updates are flowing. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { color, label } = LOOK[status];
  return (
    <Badge color={color} variant="dot" size="lg" role="status" aria-live="polite">
      {label}
    </Badge>
  );
}
