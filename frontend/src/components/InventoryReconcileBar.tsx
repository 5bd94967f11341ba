import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { InventoryPolicyFieldsFragment, InventoryReconciliationFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { reconciliationReason } from '../lib/inventory';
import { DateTime } from './DateTime';
import { RunStatusBadge } from './RunStatusBadge';

const ReconcileInventoryMutation = graphql(`
  mutation ReconcileInventory($workspaceId: ID!) {
    reconcileInventory(workspaceId: $workspaceId) {
      ...InventoryReconciliationFields
    }
  }
`);

const RECONCILE_CONTEXT = { additionalTypenames: ['InventoryReconciliation'] };

interface Props {
  workspaceId: string;
  writable: boolean;
  policy: InventoryPolicyFieldsFragment;
}

/** "1 SKU", "12 SKUs". */
const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Reconcile now", and the reconciliation in progress or the last one. */
export function InventoryReconcileBar({ workspaceId, writable, policy }: Props) {
  const [state, reconcile] = useMutation(ReconcileInventoryMutation);
  // The run "Reconcile now" started, shown until the query reloads the policy.
  const [own, setOwn] = useState<{ over: InventoryPolicyFieldsFragment; run: InventoryReconciliationFieldsFragment }>();
  const last = own && own.over === policy ? own.run : policy.lastReconciliation;
  const running = last?.status === 'RUNNING';

  const start = async () => {
    const result = await reconcile({ workspaceId }, RECONCILE_CONTEXT);
    const run = result.data?.reconcileInventory;
    if (run) {
      setOwn({ over: policy, run });
      notifications.show({ color: 'teal', message: 'Reconciliation started: every channel is read and drift repaired.' });
    } else if (result.error) {
      notifications.show({ color: 'red', title: 'Could not start a reconciliation', message: errorMessage(result.error) });
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Reconciliation">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Group gap="xs">
            <Title order={3} size="h4">
              {running ? 'Reconciling' : 'Last reconciliation'}
            </Title>
            {last && <RunStatusBadge status={last.status} />}
          </Group>
          {last ? <Outcome run={last} /> : <Text size="sm" c="dimmed">None yet. Saving the policy starts one.</Text>}
        </Stack>
        {writable && (
          <Button
            variant="light"
            leftSection={<IconRefresh size={16} />}
            loading={state.fetching}
            disabled={running || !policy.enabled}
            onClick={() => void start()}
            title={!policy.enabled ? 'Turn inventory sync on to reconcile' : running ? 'A reconciliation is running' : undefined}
          >
            Reconcile now
          </Button>
        )}
      </Group>
    </Card>
  );
}

function Outcome({ run }: { run: InventoryReconciliationFieldsFragment }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {reconciliationReason(run.reason)} · started <DateTime value={run.startedAt} />
        {run.finishedAt && (
          <>
            {' '}
            · finished <DateTime value={run.finishedAt} />
          </>
        )}
      </Text>
      <Text size="sm" data-testid="reconciliation-counts">
        {count(run.skus, 'SKU', 'SKUs')} seen · {count(run.repaired, 'level', 'levels')} repaired
      </Text>
      {run.error && (
        <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
          {run.error}
        </Text>
      )}
    </>
  );
}
