import { Badge } from '@mantine/core';
import type { RunStatus } from '../gql/graphql';
import { RUN_STATUS_LOOK, stepStatusLook } from '../lib/automation';

/** A run's status: running blue, waiting yellow, succeeded green, failed red, exited and cancelled gray. */
export function RunStatusBadge({ status, size = 'md' }: { status: RunStatus | string; size?: 'sm' | 'md' | 'lg' }) {
  const look = status in RUN_STATUS_LOOK ? RUN_STATUS_LOOK[status as RunStatus] : stepStatusLook(status);
  return (
    <Badge color={look.color} variant="light" size={size} data-status={status}>
      {look.label}
    </Badge>
  );
}
