import { Stack } from '@mantine/core';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { InventoryAdjustments } from '../components/InventoryAdjustments';
import { InventoryPolicyCard } from '../components/InventoryPolicyCard';
import { InventoryReconcileBar } from '../components/InventoryReconcileBar';
import { InventoryTable } from '../components/InventoryTable';
import { PageLoader } from '../components/PageLoader';
import { StoreTimeZone } from '../components/StoreTimeZone';
import { WorkspaceSection, type SectionContext } from '../components/WorkspaceSection';
import { graphql } from '../gql';
import { useInventoryUpdates, useRefetchOnTick } from '../lib/useInventoryUpdates';

graphql(`
  fragment InventoryReconciliationFields on InventoryReconciliation {
    id
    reason
    status
    skus
    repaired
    error
    startedAt
    finishedAt
  }
`);

graphql(`
  fragment InventoryPolicyFields on InventoryPolicy {
    enabled
    reconcileCron
    nextReconcileAt
    sourceOfTruth {
      id
      name
    }
    channels {
      id
      name
      connector {
        slug
        name
      }
    }
    lastReconciliation {
      ...InventoryReconciliationFields
    }
  }
`);

graphql(`
  fragment InventoryItemRow on InventoryItem {
    id
    sku
    title
    available
    drift
    updatedAt
    levels {
      channel {
        id
        name
      }
      available
      inSync
      error
      updatedAt
    }
  }
`);

graphql(`
  fragment InventoryAdjustmentRow on InventoryAdjustment {
    id
    sku
    channel {
      id
      name
    }
    cause
    reference
    before
    after
    delta
    oversold
    createdAt
  }
`);

const InventoryPolicyQuery = graphql(`
  query InventoryPolicy($workspaceId: ID!) {
    inventoryPolicy(workspaceId: $workspaceId) {
      ...InventoryPolicyFields
    }
  }
`);

/** A reconciliation started or a policy saved (even one answering no reconciliation yet) reloads the policy. */
const POLICY_CONTEXT = { additionalTypenames: ['InventoryPolicy', 'InventoryReconciliation'] };

/**
 * A workspace's inventory: which stores keep their stock equal, reconciliation, the stock of
 * every SKU in each channel, and the adjustments that moved it; live.
 */
export function InventoryPage() {
  return (
    <WorkspaceSection
      tab="inventory"
      title="Inventory"
      live
      description="Stock kept equal across the store's sales channels, matched by SKU."
    >
      {(context) => <Inventory {...context} />}
    </WorkspaceSection>
  );
}

function Inventory({ workspaceId, base, writable }: SectionContext) {
  const [params, setParams] = useSearchParams();
  const sku = params.get('sku') || null;
  const { tick, error: liveError } = useInventoryUpdates(workspaceId);
  const [{ data, error }, refetch] = useQuery({
    query: InventoryPolicyQuery,
    variables: { workspaceId },
    context: POLICY_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  useRefetchOnTick(tick, refetch);

  // The SKU whose adjustments show (?sku=), so that the filtered view can be shared.
  const selectSku = useCallback(
    (next: string | null) =>
      setParams(
        (p) => {
          const out = new URLSearchParams(p);
          if (next) out.set('sku', next);
          else out.delete('sku');
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );

  if (!data) {
    if (error) return <ErrorAlert title="Could not load" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <PageLoader />;
  }
  const policy = data.inventoryPolicy;

  return (
    <Stack gap="lg">
      {(liveError || error) && (
        <Stack gap="xs">
          {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
          {error && <ErrorAlert error={error} />}
        </Stack>
      )}
      <div>
        <StoreTimeZone workspaceId={workspaceId} writable={writable} />
        <InventoryPolicyCard workspaceId={workspaceId} base={base} writable={writable} policy={policy} />
      </div>
      {(policy.enabled || policy.lastReconciliation) && (
        <InventoryReconcileBar workspaceId={workspaceId} writable={writable} policy={policy} />
      )}
      <InventoryTable
        workspaceId={workspaceId}
        channels={policy.channels}
        writable={writable}
        selectedSku={sku}
        onSelectSku={selectSku}
        tick={tick}
      />
      <InventoryAdjustments workspaceId={workspaceId} sku={sku} onShowAll={() => selectSku(null)} tick={tick} />
    </Stack>
  );
}
