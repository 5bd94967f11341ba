import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconChevronRight, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { SyncRowFragment, SyncRunFieldsFragment } from '../gql/graphql';
import { scheduleText } from '../lib/syncs';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from './DataList';
import { DateTime } from './DateTime';
import { RunStatusBadge } from './RunStatusBadge';
import { SyncRunProgress } from './SyncRunProgress';

interface Props {
  syncs: readonly SyncRowFragment[];
  /** The run each sync's row shows (its newest, live), by sync id. */
  runs: Readonly<Record<string, SyncRunFieldsFragment | undefined>>;
  /** The workspace's address; syncs open at <base>/syncs/<id>. */
  base: string;
  writable: boolean;
  /** The sync being started, if any. */
  starting?: string;
  onRun: (sync: SyncRowFragment) => void;
}

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Mapping' },
  { label: 'Schedule', w: 170 },
  { label: 'Progress or last run', w: 300 },
  { label: 'Actions', hidden: true, w: 190 },
];

/** The workspace's syncs, each with its live progress or its last run, and "Run now". */
export function SyncList(props: Props) {
  return (
    <DataList label="Syncs" columns={COLUMNS} minWidth={900}>
      <DataListBody>
        <Rows {...props} />
      </DataListBody>
    </DataList>
  );
}

function Rows({ syncs, runs, base, writable, starting, onRun }: Props) {
  const { cards } = useDataListLayout();
  return syncs.map((sync) => {
    const to = `${base}/syncs/${sync.id}`;
    const run = runs[sync.id];
    const mapping = (
      <>
        <Text size="sm">{sync.mapping.name}</Text>
        <Text size="xs" c="dimmed">
          {sync.mapping.sourceConnection.name} → {sync.mapping.targetConnection.name}
        </Text>
      </>
    );
    const paused = !sync.enabled && (
      <Badge color="gray" variant="light" size="sm">
        Paused
      </Badge>
    );
    const status = !run ? (
      <Text size="sm" c="dimmed">
        Never ran
      </Text>
    ) : run.status === 'RUNNING' ? (
      <SyncRunProgress run={run} label={`Progress of ${sync.name}`} size="sm" />
    ) : (
      <Group gap={6} wrap="nowrap">
        <RunStatusBadge status={run.status} />
        <Text size="xs" c="dimmed">
          <DateTime value={run.finishedAt ?? run.updatedAt} />
        </Text>
      </Group>
    );
    const actions = (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {writable && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlayerPlay size={14} />}
            loading={starting === sync.id}
            disabled={run?.status === 'RUNNING'}
            onClick={() => onRun(sync)}
            aria-label={`Run ${sync.name} now`}
          >
            Run now
          </Button>
        )}
        <Button
          component={Link}
          to={to}
          size="compact-sm"
          variant="subtle"
          rightSection={<IconChevronRight size={14} />}
          aria-label={`Open ${sync.name}`}
        >
          Open
        </Button>
      </Group>
    );
    const name = (
      <Anchor component={Link} to={to} fw={500} inherit>
        {sync.name}
      </Anchor>
    );
    if (cards) {
      return (
        <ListCard
          key={sync.id}
          label={sync.name}
          title={name}
          badges={paused}
          facts={[
            { label: 'Mapping', value: mapping },
            { label: 'Schedule', value: scheduleText(sync) },
            { label: run?.status === 'RUNNING' ? 'Progress' : 'Last run', value: status },
          ]}
          actions={actions}
        />
      );
    }
    return (
      <Table.Tr key={sync.id} aria-label={sync.name}>
        <Table.Td>
          <Group gap={6}>
            {name}
            {paused}
          </Group>
        </Table.Td>
        <Table.Td>{mapping}</Table.Td>
        <Table.Td>
          <Text size="sm">{scheduleText(sync)}</Text>
        </Table.Td>
        <Table.Td>{status}</Table.Td>
        <Table.Td>{actions}</Table.Td>
      </Table.Tr>
    );
  });
}
