import { Button, Group, Pagination, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { channelColumns, ITEMS_PAGE_SIZE, type ChannelRef } from '../lib/inventory';
import { useRefetchOnTick } from '../lib/useInventoryUpdates';
import { DataList, DataListBody, type Column } from './DataList';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';
import { InventoryRow } from './InventoryRow';

const InventoryItemsQuery = graphql(`
  query InventoryItems($workspaceId: ID!, $search: String, $driftOnly: Boolean, $first: Int, $offset: Int) {
    inventoryItems(workspaceId: $workspaceId, search: $search, driftOnly: $driftOnly, first: $first, offset: $offset) {
      totalCount
      items {
        ...InventoryItemRow
      }
    }
  }
`);

/** An empty page reloads after setInventoryAvailable and setInventoryPolicy too. */
const ITEMS_CONTEXT = { additionalTypenames: ['InventoryItem', 'InventoryPolicy'] };

interface Props {
  workspaceId: string;
  /** The policy's channels, one column each. */
  channels: readonly ChannelRef[];
  writable: boolean;
  selectedSku: string | null;
  onSelectSku: (sku: string) => void;
  /** Moves on each (throttled) live change: read the page again. */
  tick: number;
}

/** Every SKU × channel, searchable, with drift only on demand, 100 a page. */
export function InventoryTable({ workspaceId, channels, writable, selectedSku, onSelectSku, tick }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [driftOnly, setDriftOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [{ data, error }, refetch] = useQuery({
    query: InventoryItemsQuery,
    variables: {
      workspaceId,
      search: debounced || null,
      driftOnly,
      first: ITEMS_PAGE_SIZE,
      offset: (page - 1) * ITEMS_PAGE_SIZE,
    },
    context: ITEMS_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  useRefetchOnTick(tick, refetch);
  const list = data?.inventoryItems;
  const columns = useMemo(() => channelColumns(channels, list?.items ?? []), [channels, list]);
  const filtered = debounced !== '' || driftOnly;

  const header = (
    <Group justify="space-between" align="flex-end" gap="sm" mb="sm">
      <Title order={3}>Stock</Title>
      <Group gap="md" align="center">
        <TextInput
          aria-label="Search by SKU or title"
          placeholder="Search by SKU or title"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={240}
          maw="100%"
          type="search"
        />
        <Switch
          label="Drift only"
          checked={driftOnly}
          onChange={(e) => {
            setDriftOnly(e.currentTarget.checked);
            setPage(1);
          }}
        />
      </Group>
    </Group>
  );

  let body;
  if (!list) {
    body = error ? (
      <ErrorAlert title="Could not load" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    ) : (
      <Skeleton height={160} radius="md" aria-busy aria-label="Loading stock" />
    );
  } else if (list.totalCount === 0 && list.items.length === 0) {
    body = filtered ? (
      <EmptyState
        title="No SKUs match"
        description={driftOnly ? 'Every channel shows the same stock as Switchboard.' : 'No SKU or title contains what you searched for.'}
        action={
          <Button
            variant="light"
            onClick={() => {
              setSearch('');
              setDriftOnly(false);
              setPage(1);
            }}
          >
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        title="No products matched yet"
        description="Save the policy or reconcile to match products by SKU: each SKU sold in the channels shows here with every channel's stock."
      />
    );
  } else {
    const tableColumns: Column[] = [
      { label: 'SKU' },
      { label: 'Title' },
      { label: 'Switchboard stock', w: 110 },
      ...columns.map((c) => ({ label: c.name, w: 130 })),
      { label: 'Actions', hidden: true, w: 200 },
    ];
    const pages = Math.max(1, Math.ceil(list.totalCount / ITEMS_PAGE_SIZE));
    const from = (page - 1) * ITEMS_PAGE_SIZE + 1;
    body = (
      <>
        {error && <ErrorAlert error={error} />}
        <DataList label="Stock" columns={tableColumns} minWidth={620 + 130 * columns.length}>
          <DataListBody>
            {list.items.map((item) => (
              <InventoryRow
                key={item.id}
                workspaceId={workspaceId}
                item={item}
                channels={columns}
                writable={writable}
                selected={item.sku === selectedSku}
                onSelectSku={onSelectSku}
              />
            ))}
          </DataListBody>
        </DataList>
        <Group justify="space-between" mt="sm" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.items.length > 0
              ? `${from.toLocaleString()}–${(from + list.items.length - 1).toLocaleString()} of ${list.totalCount.toLocaleString()} SKUs`
              : `${list.totalCount.toLocaleString()} SKUs`}
          </Text>
          {pages > 1 && (
            <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Stock pages" getControlProps={pageLabel} />
          )}
        </Group>
      </>
    );
  }

  return (
    <Stack gap={0} component="section" aria-label="Stock levels">
      {header}
      {body}
    </Stack>
  );
}

/** Names the previous and next buttons for screen readers. */
function pageLabel(control: 'first' | 'previous' | 'last' | 'next') {
  return { 'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page` };
}
