import { Anchor, Button, Code, Table, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RunRowFragment } from '../gql/graphql';
import { runDuration } from '../lib/automation';
import { ListCard, useDataListLayout } from './DataList';
import { DateTime } from './DateTime';
import { RunStatusBadge } from './RunStatusBadge';

interface Props {
  run: RunRowFragment;
  /** The workspace's address. */
  base: string;
  /** Just arrived through the subscription. */
  fresh?: boolean;
}

/** One run of the log: a table row on wide screens, a card on phones. */
export function RunRow({ run, base, fresh }: Props) {
  const { cards } = useDataListLayout();
  const to = `${base}/runs/${run.id}`;
  const customer = run.customer?.email || (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
  const event = <Code>{run.event.type}</Code>;
  const started = <DateTime value={run.startedAt} />;
  const duration = runDuration(run);
  const label = `${run.rule.name}${run.customer?.email ? ` for ${run.customer.email}` : ''}`;
  const open = (
    <Button
      component={Link}
      to={to}
      size="compact-sm"
      variant="subtle"
      rightSection={<IconChevronRight size={14} />}
      aria-label={`Open run of ${label}`}
    >
      Details
    </Button>
  );

  if (cards) {
    return (
      <ListCard
        label={label}
        title={run.rule.name}
        badges={<RunStatusBadge status={run.status} />}
        facts={[
          { label: 'Customer', value: customer },
          { label: 'Event', value: event },
          { label: 'Started', value: started },
          { label: 'Duration', value: duration },
        ]}
        actions={open}
      />
    );
  }
  return (
    <Table.Tr
      data-run={run.id}
      data-fresh={fresh || undefined}
      bg={fresh ? 'yellow.0' : undefined}
      style={{ transition: 'background-color 1.5s ease' }}
    >
      <Table.Td>
        <RunStatusBadge status={run.status} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={to} size="sm" fw={500}>
          {run.rule.name}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{customer}</Table.Td>
      <Table.Td>{event}</Table.Td>
      <Table.Td>
        <Text size="sm">{started}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{duration}</Text>
      </Table.Td>
      <Table.Td>{open}</Table.Td>
    </Table.Tr>
  );
}
