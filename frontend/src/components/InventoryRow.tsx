import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { InventoryItemRowFragment } from '../gql/graphql';
import { levelLook, type ChannelRef } from '../lib/inventory';
import { ListCard, useDataListLayout } from './DataList';
import { InventoryLevelCell, levelOf, LevelValue } from './InventoryLevelCell';
import { InventorySetStock } from './InventorySetStock';

interface Props {
  workspaceId: string;
  item: InventoryItemRowFragment;
  channels: readonly ChannelRef[];
  writable: boolean;
  /** Its adjustments are the ones shown. */
  selected: boolean;
  onSelectSku: (sku: string) => void;
}

/** One SKU: the hub's stock and each channel's level, a Drift badge while they differ, and "Set stock". */
export function InventoryRow({ workspaceId, item, channels, writable, selected, onSelectSku }: Props) {
  const { cards } = useDataListLayout();
  const sku = (
    <Anchor
      component="button"
      type="button"
      ff="monospace"
      size="sm"
      fw={selected ? 700 : 500}
      onClick={() => onSelectSku(item.sku)}
      aria-label={`Show adjustments of ${item.sku}`}
      aria-pressed={selected}
      style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
    >
      {item.sku}
    </Anchor>
  );
  const drift = item.drift && (
    <Badge color="orange" variant="light" size="sm">
      Drift
    </Badge>
  );
  const setStock = writable && <InventorySetStock workspaceId={workspaceId} item={item} />;
  const stock = (
    <Text size="sm" fw={600} data-testid="hub-stock">
      {item.available.toLocaleString()}
    </Text>
  );

  if (cards) {
    return (
      <ListCard
        label={item.sku}
        title={sku}
        badges={drift || undefined}
        facts={[
          { label: 'Title', value: item.title },
          { label: 'Switchboard stock', value: stock },
          ...channels.map((channel) => ({
            label: channel.name,
            value: <LevelValue look={levelLook(item, channel, levelOf(item, channel))} />,
          })),
        ]}
        actions={setStock}
      />
    );
  }
  return (
    <Table.Tr aria-label={item.sku} data-drift={item.drift} bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          {sku}
          {drift}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Text>
      </Table.Td>
      <Table.Td>{stock}</Table.Td>
      {channels.map((channel) => (
        <InventoryLevelCell key={channel.id} item={item} channel={channel} />
      ))}
      <Table.Td>{setStock}</Table.Td>
    </Table.Tr>
  );
}
