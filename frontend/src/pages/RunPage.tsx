import { Alert, Anchor, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconHourglass, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { DateTime } from '../components/DateTime';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { Facts } from '../components/Facts';
import { LiveIndicator } from '../components/LiveIndicator';
import { NotFound } from '../components/NotFound';
import { PageLoader } from '../components/PageLoader';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { RunTimeline } from '../components/RunTimeline';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import type { RunDetailFragment } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { isRunActive, runDuration } from '../lib/automation';
import { errorMessage } from '../lib/errors';
import { useLiveStatus } from '../lib/live';
import { canWrite } from '../lib/roles';

graphql(`
  fragment RunStepFields on RunStep {
    path
    kind
    title
    status
    attempts
    summary
    error
    providerResponse
    startedAt
    finishedAt
  }
`);

graphql(`
  fragment RunDetail on Run {
    ...RunRow
    rule {
      id
      name
      version
    }
    customer {
      id
      email
      firstName
      lastName
    }
    steps {
      ...RunStepFields
    }
  }
`);

const RunPageQuery = graphql(`
  query RunPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Run {
        ...RunDetail
      }
    }
  }
`);

const RunChangedSubscription = graphql(`
  subscription RunChanged($id: ID!) {
    run(id: $id) {
      ...RunDetail
    }
  }
`);

const RetryRunMutation = graphql(`
  mutation RetryRun($id: ID!) {
    retryRun(id: $id) {
      ...RunDetail
    }
  }
`);

const CancelRunMutation = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      ...RunDetail
    }
  }
`);

/** The latest of the versions of a run heard of (query, subscription, own mutations). */
function latest(...runs: (RunDetailFragment | undefined)[]): RunDetailFragment | undefined {
  let best: RunDetailFragment | undefined;
  for (const r of runs) {
    if (r && (!best || new Date(r.updatedAt).getTime() >= new Date(best.updatedAt).getTime())) best = r;
  }
  return best;
}

export function RunPage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '', runId = '' } = useParams();
  const { workspace } = useWorkspace(workspaceId);
  const status = useLiveStatus();
  const [{ data, error }] = useQuery({ query: RunPageQuery, variables: { id: runId }, requestPolicy: 'cache-and-network' });
  const [{ data: live, error: liveError }] = useSubscription({ query: RunChangedSubscription, variables: { id: runId } });
  const [own, setOwn] = useState<RunDetailFragment>();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelError, setCancelError] = useState<CombinedError>();
  const [retryState, retryRun] = useMutation(RetryRunMutation);
  const [cancelState, cancelRun] = useMutation(CancelRunMutation);
  const base = workspacePath(agencyId, workspaceId);

  const loaded = data?.node?.__typename === 'Run' ? data.node : undefined;
  const run = latest(loaded, live?.run, own);

  const crumbs = (
    <WorkspaceCrumbs
      items={[
        { label: 'Workspaces', to: `/agencies/${agencyId}` },
        { label: workspace?.name ?? '…', to: base },
        { label: 'Runs', to: `${base}/runs` },
        { label: run ? `${run.rule.name} run` : 'Run' },
      ]}
    />
  );

  if (!run) {
    if (data && !loaded) return <NotFound message="This run does not exist or was deleted with its rule." />;
    return error ? <ErrorAlert error={error} /> : <PageLoader />;
  }

  const writable = canWrite(role) && !workspace?.archivedAt;
  const retry = async () => {
    const result = await retryRun({ id: run.id });
    if (result.data) {
      setOwn(result.data.retryRun);
      notifications.show({ color: 'teal', message: 'Retrying from the step that failed.' });
    } else if (result.error) {
      notifications.show({ color: 'red', title: 'Could not retry', message: errorMessage(result.error) });
    }
  };
  const cancel = async () => {
    const result = await cancelRun({ id: run.id });
    if (result.data) {
      setOwn(result.data.cancelRun);
      setConfirmCancel(false);
      notifications.show({ color: 'teal', message: 'The run is cancelled; its remaining steps will not run.' });
    } else {
      setCancelError(result.error);
    }
  };
  const customerName = [run.customer?.firstName, run.customer?.lastName].filter(Boolean).join(' ');

  return (
    <>
      {crumbs}
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>Run of {run.rule.name}</Title>
            <RunStatusBadge status={run.status} size="lg" />
          </Group>
          <Text size="sm" c="dimmed">
            Started <DateTime value={run.startedAt} />
            {run.finishedAt && <> · took {runDuration(run)}</>}
          </Text>
        </Stack>
        <Group gap="sm">
          <LiveIndicator status={status} />
          {writable && run.status === 'FAILED' && (
            <Button leftSection={<IconRefresh size={16} />} loading={retryState.fetching} onClick={() => void retry()}>
              Retry
            </Button>
          )}
          {writable && isRunActive(run.status) && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconPlayerStop size={16} />}
              onClick={() => {
                setCancelError(undefined);
                setConfirmCancel(true);
              }}
            >
              Cancel run
            </Button>
          )}
        </Group>
      </Group>
      {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
      {run.error && (
        <Alert
          color={run.status === 'FAILED' ? 'red' : 'gray'}
          icon={<IconAlertCircle />}
          title={run.status === 'FAILED' ? 'Failed' : run.status === 'EXITED' ? 'Exited' : 'Stopped'}
          mb="md"
        >
          {run.error}
        </Alert>
      )}
      {run.status === 'WAITING' && run.waitingUntil && (
        <Alert color="yellow" icon={<IconHourglass />} mb="md">
          Waiting until <DateTime value={run.waitingUntil} />, then the next step runs.
        </Alert>
      )}
      <Card withBorder radius="md" padding="md" mb="md" component="section" aria-label="About this run">
        <Facts
          rows={[
            [
              'Rule',
              <>
                <Anchor component={Link} to={`${base}/rules/${run.rule.id}`} size="sm">
                  {run.rule.name}
                </Anchor>{' '}
                · version {run.version}
                {run.rule.version !== run.version && (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    (the rule is now at version {run.rule.version}; this run keeps version {run.version})
                  </Text>
                )}
              </>,
            ],
            [
              'Event',
              <>
                <Code>{run.event.type}</Code> at <DateTime value={run.event.occurredAt} />
              </>,
            ],
            ['Customer', run.customer ? [run.customer.email, customerName].filter(Boolean).join(' · ') : '—'],
          ]}
        />
      </Card>
      <Title order={3} size="h4" mb="sm">
        Steps
      </Title>
      {run.steps.length === 0 ? (
        <EmptyState title="No steps yet" description="The first step starts in a moment; this page updates by itself." />
      ) : (
        <RunTimeline steps={run.steps} />
      )}
      <ConfirmModal
        opened={confirmCancel}
        title="Cancel this run?"
        message="Its remaining steps will not run. Steps already done (emails sent, tags added) are not undone."
        confirmLabel="Cancel run"
        loading={cancelState.fetching}
        error={cancelError}
        onConfirm={() => void cancel()}
        onClose={() => setConfirmCancel(false)}
      />
    </>
  );
}
