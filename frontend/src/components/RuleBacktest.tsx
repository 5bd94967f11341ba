import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconHistory, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { BacktestResultFieldsFragment } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import { stepPathLabel } from '../lib/ruleErrors';
import { dayStart } from '../lib/runs';

graphql(`
  fragment BacktestResultFields on BacktestResult {
    events
    wouldStart
    wouldFinish
    wouldExit
    stepsReached {
      path
      count
    }
    truncated
  }
`);

const BacktestRuleMutation = graphql(`
  mutation BacktestRule($id: ID!, $from: Time!, $to: Time!) {
    backtestRule(id: $id, from: $from, to: $to) {
      ...BacktestResultFields
    }
  }
`);

/** A local calendar day as YYYY-MM-DD, `offset` days from today. */
function localDay(offset = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

interface Props {
  ruleId: string;
  /** The saved version the backtest replays. */
  version?: number;
  /** Whether the form has changes the backtest will not see. */
  dirty: boolean;
}

/** Replays the saved rule over the workspace's stored events of a range of days. */
export function RuleBacktest({ ruleId, version, dirty }: Props) {
  const [from, setFrom] = useState(() => localDay(-30));
  const [to, setTo] = useState(() => localDay());
  const [result, setResult] = useState<BacktestResultFieldsFragment | null>(null);
  const [state, backtest] = useMutation(BacktestRuleMutation);
  const fromTime = dayStart(from);
  // The "to" day is included: the range ends where the next day starts.
  const toTime = dayStart(to, true);
  const problems = formErrors(state.error, ['from', 'to']);

  const run = async () => {
    if (!fromTime || !toTime) return;
    const answer = await backtest({ id: ruleId, from: fromTime, to: toTime });
    setResult(answer.data?.backtestRule ?? null);
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Backtest" mt="md">
      <Title order={3} size="h4">
        Backtest
      </Title>
      <Text size="sm" c="dimmed">
        Replays the current saved version{version ? ` (version ${version})` : ''} over the workspace’s stored events of
        these days, with no side effects: nothing is sent and no runs are started.
      </Text>
      <Stack gap="sm" mt="sm">
        {dirty && (
          <Alert color="yellow" p="xs" icon={<IconInfoCircle />}>
            You have unsaved changes: the backtest uses the saved version. Save first to backtest them.
          </Alert>
        )}
        <Group gap="sm" align="flex-end">
          <TextInput
            label="From"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={problems.fields.from}
            w={170}
            maw="100%"
          />
          <TextInput
            label="To"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={problems.fields.to}
            w={170}
            maw="100%"
          />
          <Button
            variant="default"
            leftSection={<IconHistory size={16} />}
            loading={state.fetching}
            disabled={!fromTime || !toTime}
            onClick={() => void run()}
          >
            Run backtest
          </Button>
        </Group>
        {problems.form && (
          <Alert color="red" icon={<IconAlertCircle />} title="Could not run the backtest" role="alert">
            {problems.form}
          </Alert>
        )}
        {result && !state.fetching && <BacktestSummary result={result} />}
      </Stack>
    </Card>
  );
}

function BacktestSummary({ result }: { result: BacktestResultFieldsFragment }) {
  return (
    <Stack gap="sm" aria-label="Backtest result" role="region">
      <Text size="sm" fw={500} role="status">
        {plural(result.events, 'event', 'events')} · {plural(result.wouldStart, 'run would', 'runs would')} start ·{' '}
        {result.wouldFinish.toLocaleString()} would finish · {result.wouldExit.toLocaleString()} would stop at the exit
        condition
      </Text>
      {result.truncated && (
        <Alert color="yellow" p="xs" icon={<IconInfoCircle />}>
          There were more events in these days than one backtest replays: only the first{' '}
          {result.events.toLocaleString()} were replayed. Choose fewer days to see them all.
        </Alert>
      )}
      {result.stepsReached.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing={4} maw={480} aria-label="Steps reached">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Step</Table.Th>
                <Table.Th ta="right">Runs reaching it</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.stepsReached.map((step) => (
                <Table.Tr key={step.path}>
                  <Table.Td>{stepPathLabel(step.path)}</Table.Td>
                  <Table.Td ta="right">{step.count.toLocaleString()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
