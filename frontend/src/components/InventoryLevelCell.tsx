import { Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { InventoryItemRowFragment } from '../gql/graphql';
import { levelLook, type ChannelRef, type LevelLook } from '../lib/inventory';

interface Props {
  item: InventoryItemRowFragment;
  channel: ChannelRef;
}

const BACKGROUND: Partial<Record<LevelLook['kind'], string>> = {
  drift: 'var(--mantine-color-orange-light)',
  error: 'var(--mantine-color-red-light)',
};

/** A channel's level of one SKU, as a table cell: orange while it differs from the hub's stock, red when its update failed. */
export function InventoryLevelCell({ item, channel }: Props) {
  const look = levelLook(item, channel, levelOf(item, channel));
  return (
    <Table.Td data-channel={channel.name} data-state={look.kind} bg={BACKGROUND[look.kind]}>
      <LevelValue look={look} />
    </Table.Td>
  );
}

/** The level of `channel` among the item's, if the channel sells it. */
export function levelOf(item: InventoryItemRowFragment, channel: ChannelRef) {
  return item.levels.find((l) => l.channel.id === channel.id);
}

/** The number (or "—"), its tooltip, and what the tooltip says for screen readers. */
export function LevelValue({ look }: { look: LevelLook }) {
  switch (look.kind) {
    case 'ok':
      return <Text size="sm">{look.available.toLocaleString()}</Text>;
    case 'missing':
      return (
        <Tooltip label={look.hint} withArrow>
          <Text size="sm" c="dimmed" span>
            —<VisuallyHidden>{look.hint}</VisuallyHidden>
          </Text>
        </Tooltip>
      );
    case 'drift':
      return (
        <Tooltip label={look.hint} withArrow>
          <Text size="sm" c="orange.9" fw={600} span>
            {look.available.toLocaleString()}
            <VisuallyHidden>{look.hint}</VisuallyHidden>
          </Text>
        </Tooltip>
      );
    case 'error':
      return (
        <Tooltip label={look.hint} withArrow multiline maw={320}>
          <Stack gap={2}>
            <Group gap={4} wrap="nowrap">
              <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
              <Text size="sm" c="red.7" fw={600}>
                {look.available.toLocaleString()}
              </Text>
            </Group>
            <Text size="xs" c="red.7" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {look.hint}
            </Text>
          </Stack>
        </Tooltip>
      );
  }
}
