import { Button, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SyncRunFieldsFragment } from '../gql/graphql';
import { runDuration } from '../lib/automation';
import { reasonLabel, SYNC_MODE_LABELS } from '../lib/syncs';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from './DataList';
import { DateTime } from './DateTime';
import { EmptyState } from './EmptyState';
import { RunStatusBadge } from './RunStatusBadge';

interface Props {
  runs: readonly SyncRunFieldsFragment[];
  /** Opens the records a run could not write. */
  onShowErrors: (run: SyncRunFieldsFragment) => void;
}

const COLUMNS: Column[] = [
  { label: 'Started', w: 190 },
  { label: 'Mode' },
  { label: 'Reason' },
  { label: 'Status', w: 120 },
  { label: 'Read', w: 90 },
  { label: 'Written', w: 90 },
  { label: 'Failed', w: 90 },
  { label: 'Duration', w: 110 },
  { label: 'Actions', hidden: true, w: 150 },
];

const count = (n: number) => n.toLocaleString();

/** A sync's runs, latest first; a run with failed records opens them. */
export function SyncRunHistory({ runs, onShowErrors }: Props) {
  if (runs.length === 0) {
    return <EmptyState title="No runs yet" description="Runs appear here as they start: Run now, or wait for the schedule." />;
  }
  return (
    <DataList label="Runs" columns={COLUMNS} minWidth={960}>
      <DataListBody>
        <Rows runs={runs} onShowErrors={onShowErrors} />
      </DataListBody>
    </DataList>
  );
}

function Rows({ runs, onShowErrors }: Props) {
  const { cards } = useDataListLayout();
  return runs.map((run) => {
    const started = <DateTime value={run.startedAt} />;
    const duration = run.status === 'RUNNING' ? '—' : runDuration(run);
    const failed = (
      <Text size="sm" c={run.recordsFailed > 0 ? 'red' : undefined}>
        {count(run.recordsFailed)}
      </Text>
    );
    const open = run.recordsFailed > 0 && (
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        leftSection={<IconAlertTriangle size={14} />}
        onClick={() => onShowErrors(run)}
        aria-label={`Show the ${count(run.recordsFailed)} failed records of the run started ${new Date(run.startedAt).toLocaleString()}`}
      >
        Failed records
      </Button>
    );
    if (cards) {
      return (
        <ListCard
          key={run.id}
          label={`Run started ${run.startedAt}`}
          title={started}
          badges={<RunStatusBadge status={run.status} />}
          facts={[
            { label: 'Mode', value: `${SYNC_MODE_LABELS[run.mode]} · ${reasonLabel(run.reason)}` },
            { label: 'Read / written / failed', value: `${count(run.recordsRead)} / ${count(run.recordsWritten)} / ${count(run.recordsFailed)}` },
            { label: 'Duration', value: duration },
          ]}
          actions={open}
        />
      );
    }
    return (
      <Table.Tr
        key={run.id}
        data-run={run.id}
        onClick={run.recordsFailed > 0 ? () => onShowErrors(run) : undefined}
        style={run.recordsFailed > 0 ? { cursor: 'pointer' } : undefined}
      >
        <Table.Td>
          <Text size="sm">{started}</Text>
        </Table.Td>
        <Table.Td>{SYNC_MODE_LABELS[run.mode]}</Table.Td>
        <Table.Td>{reasonLabel(run.reason)}</Table.Td>
        <Table.Td>
          <RunStatusBadge status={run.status} />
        </Table.Td>
        <Table.Td>{count(run.recordsRead)}</Table.Td>
        <Table.Td>{count(run.recordsWritten)}</Table.Td>
        <Table.Td>{failed}</Table.Td>
        <Table.Td>
          <Text size="sm">{duration}</Text>
        </Table.Td>
        <Table.Td onClick={(e) => e.stopPropagation()}>{open}</Table.Td>
      </Table.Tr>
    );
  });
}
