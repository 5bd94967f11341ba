import { useSubscription, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { SyncRunFieldsFragment } from '../gql/graphql';
import { heardOfRun, type LiveSyncRuns } from './syncs';

graphql(`
  fragment SyncRunFields on SyncRun {
    id
    mappingVersion
    mode
    reason
    status
    pages
    recordsRead
    recordsWritten
    recordsFailed
    recordsTotal
    recordsPerSecond
    etaSeconds
    error
    startedAt
    updatedAt
    finishedAt
    sync {
      id
    }
  }
`);

const SyncRunUpdatedSubscription = graphql(`
  subscription SyncRunUpdated($workspaceId: ID!, $runId: ID) {
    syncRunUpdated(workspaceId: $workspaceId, runId: $runId) {
      ...SyncRunFields
    }
  }
`);

/**
 * Sync runs of a workspace as the subscription reports them, by run id (latest version
 * of each). `runId` narrows the subscription to one run.
 */
export function useSyncRunUpdates(
  workspaceId: string,
  runId?: string | null,
): { live: LiveSyncRuns<SyncRunFieldsFragment>; error?: CombinedError } {
  const [{ data, error }] = useSubscription(
    { query: SyncRunUpdatedSubscription, variables: { workspaceId, runId: runId ?? null } },
    (previous: LiveSyncRuns<SyncRunFieldsFragment> = {}, event): LiveSyncRuns<SyncRunFieldsFragment> =>
      heardOfRun(previous, event.syncRunUpdated),
  );
  return { live: data ?? EMPTY, error };
}

const EMPTY: LiveSyncRuns<SyncRunFieldsFragment> = {};
