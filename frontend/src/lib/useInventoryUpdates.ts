import { useThrottledValue } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useSubscription, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { LIVE_REFRESH_MS } from './inventory';

const InventoryUpdatedSubscription = graphql(`
  subscription InventoryUpdated($workspaceId: ID!) {
    inventoryUpdated(workspaceId: $workspaceId) {
      item {
        id
        sku
      }
      adjustment {
        id
      }
      reconciliation {
        id
        status
      }
    }
  }
`);

/**
 * Follows a workspace's inventory changes. `tick` counts them, throttled so that a burst
 * (a reconciliation repairing hundreds of levels) reloads the lists at most once a second:
 * the first change at once, the rest together after the pause.
 */
export function useInventoryUpdates(workspaceId: string): { tick: number; error?: CombinedError } {
  const [{ data: heard = 0, error }] = useSubscription(
    { query: InventoryUpdatedSubscription, variables: { workspaceId } },
    (previous: number = 0) => previous + 1,
  );
  return { tick: useThrottledValue(heard, LIVE_REFRESH_MS), error };
}

/** Reads a query again from the server each time `tick` changes. */
export function useRefetchOnTick(tick: number, refetch: (opts: { requestPolicy: 'network-only' }) => void) {
  const previous = useRef(tick);
  useEffect(() => {
    if (previous.current === tick) return;
    previous.current = tick;
    refetch({ requestPolicy: 'network-only' });
  }, [tick, refetch]);
}
