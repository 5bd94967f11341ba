import { Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { InventoryAdjustmentRowFragment } from '../gql/graphql';
import { ADJUSTMENTS_SHOWN, CAUSE_LOOK, signed } from '../lib/inventory';
import { useRefetchOnTick } from '../lib/useInventoryUpdates';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from './DataList';
import { DateTime } from './DateTime';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';

const InventoryAdjustmentsQuery = graphql(`
  query InventoryAdjustments($workspaceId: ID!, $sku: String, $first: Int) {
    inventoryAdjustments(workspaceId: $workspaceId, sku: $sku, first: $first) {
      totalCount
      items {
        ...InventoryAdjustmentRow
      }
    }
  }
`);

/** Setting stock or saving the policy adds adjustments: reload, even an empty list. */
const ADJUSTMENTS_CONTEXT = { additionalTypenames: ['InventoryAdjustment', 'InventoryItem', 'InventoryPolicy'] };

const COLUMNS: Column[] = [
  { label: 'Time', w: 170 },
  { label: 'SKU', w: 170 },
  { label: 'Cause', w: 150 },
  { label: 'Channel' },
  { label: 'Reference' },
  { label: 'Change', w: 220 },
];

interface Props {
  workspaceId: string;
  /** Only this SKU's adjustments; null for all. */
  sku: string | null;
  onShowAll: () => void;
  /** Moves on each (throttled) live change: read the list again. */
  tick: number;
}

/** The newest stock adjustments with their causes, all or one SKU's. */
export function InventoryAdjustments({ workspaceId, sku, onShowAll, tick }: Props) {
  const [{ data, error }, refetch] = useQuery({
    query: InventoryAdjustmentsQuery,
    variables: { workspaceId, sku, first: ADJUSTMENTS_SHOWN },
    context: ADJUSTMENTS_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  useRefetchOnTick(tick, refetch);
  const list = data?.inventoryAdjustments;

  let body;
  if (!list) {
    body = error ? (
      <ErrorAlert title="Could not load" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    ) : (
      <Skeleton height={120} radius="md" aria-busy aria-label="Loading adjustments" />
    );
  } else if (list.items.length === 0) {
    body = (
      <EmptyState
        title={sku ? `No adjustments of ${sku} yet` : 'No adjustments yet'}
        description="Every order, refund, stock change, reconciliation repair and stock set here is recorded with its cause."
      />
    );
  } else {
    body = (
      <>
        {error && <ErrorAlert error={error} />}
        <DataList label="Recent adjustments" columns={COLUMNS} minWidth={900}>
          <DataListBody>
            <Rows adjustments={list.items} />
          </DataListBody>
        </DataList>
        {list.totalCount > list.items.length && (
          <Text size="sm" c="dimmed" mt="xs">
            The newest {list.items.length.toLocaleString()} of {list.totalCount.toLocaleString()}.
          </Text>
        )}
      </>
    );
  }

  return (
    <Stack gap={0} component="section" aria-label="Adjustments">
      <Group justify="space-between" align="center" gap="sm" mb="sm">
        <Title order={3}>Recent adjustments</Title>
        {sku && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Only{' '}
              <Text span ff="monospace" fw={600} c="var(--mantine-color-text)">
                {sku}
              </Text>
            </Text>
            <Button size="compact-sm" variant="light" leftSection={<IconX size={14} />} onClick={onShowAll}>
              Show all
            </Button>
          </Group>
        )}
      </Group>
      {body}
    </Stack>
  );
}

function Rows({ adjustments }: { adjustments: readonly InventoryAdjustmentRowFragment[] }) {
  const { cards } = useDataListLayout();
  return adjustments.map((a) => {
    const look = CAUSE_LOOK[a.cause];
    const cause = (
      <Badge color={look.color} variant="light" data-cause={a.cause}>
        {look.label}
      </Badge>
    );
    const channel = a.channel?.name ?? (a.cause === 'MANUAL' ? 'Switchboard' : 'Removed channel');
    const change = (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {a.before.toLocaleString()} → {a.after.toLocaleString()}{' '}
          <Text span size="sm" c={a.delta < 0 ? 'red.7' : a.delta > 0 ? 'teal.7' : 'dimmed'}>
            ({signed(a.delta)})
          </Text>
        </Text>
        {a.oversold > 0 && (
          <Badge color="red" variant="filled" size="sm">
            Oversold {a.oversold.toLocaleString()}
          </Badge>
        )}
      </Group>
    );
    if (cards) {
      return (
        <ListCard
          key={a.id}
          label={`${look.label} of ${a.sku}`}
          title={<span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{a.sku}</span>}
          badges={cause}
          facts={[
            { label: 'Time', value: <DateTime value={a.createdAt} /> },
            { label: 'Channel', value: channel },
            { label: 'Reference', value: a.reference || '—' },
            { label: 'Change', value: change },
          ]}
        />
      );
    }
    return (
      <Table.Tr key={a.id} data-cause={a.cause}>
        <Table.Td>
          <Text size="sm">
            <DateTime value={a.createdAt} />
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {a.sku}
          </Text>
        </Table.Td>
        <Table.Td>{cause}</Table.Td>
        <Table.Td>
          <Text size="sm" c={a.channel ? undefined : 'dimmed'}>
            {channel}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {a.reference || '—'}
          </Text>
        </Table.Td>
        <Table.Td>{change}</Table.Td>
      </Table.Tr>
    );
  });
}
