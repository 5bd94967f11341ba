import { Button } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { DataList, DataListBody, type Column } from '../components/DataList';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { RunFilters, type RunFilterValues } from '../components/RunFilters';
import { RunRow } from '../components/RunRow';
import { WorkspaceSection } from '../components/WorkspaceSection';
import { graphql } from '../gql';
import type { RunRowFragment, RunStatus } from '../gql/graphql';
import { RUN_STATUSES } from '../lib/automation';
import { dayStart, heardOf, newest, newRuns, type LiveRuns, type RunFilter } from '../lib/runs';

graphql(`
  fragment RunRow on Run {
    id
    status
    version
    startedAt
    updatedAt
    finishedAt
    waitingUntil
    error
    rule {
      id
      name
    }
    event {
      id
      type
      occurredAt
    }
    customer {
      id
      email
    }
  }
`);

const RunsQuery = graphql(`
  query Runs($workspaceId: ID!, $ruleId: ID, $status: RunStatus, $from: Time, $to: Time, $after: String) {
    runs(workspaceId: $workspaceId, ruleId: $ruleId, status: $status, from: $from, to: $to, first: 25, after: $after) {
      totalCount
      edges {
        node {
          ...RunRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RunUpdatedSubscription = graphql(`
  subscription RunUpdated($workspaceId: ID!) {
    runUpdated(workspaceId: $workspaceId) {
      ...RunRow
    }
  }
`);

const RunRuleNamesQuery = graphql(`
  query RunRuleNames($workspaceId: ID!) {
    rules(workspaceId: $workspaceId) {
      id
      name
    }
  }
`);

const COLUMNS: Column[] = [
  { label: 'Status', w: 120 },
  { label: 'Rule' },
  { label: 'Customer' },
  { label: 'Event' },
  { label: 'Started', w: 190 },
  { label: 'Duration', w: 110 },
  { label: 'Actions', hidden: true, w: 110 },
];
const FRESH_MS = 4000;

function isStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const values: RunFilterValues = {
    rule: params.get('rule') ?? '',
    status: params.get('status') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const filter: RunFilter = {
    ruleId: values.rule || undefined,
    status: isStatus(values.status) ? values.status : undefined,
    from: dayStart(values.from),
    to: dayStart(values.to, true),
  };
  const setFilter = (part: Partial<RunFilterValues>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(part)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <WorkspaceSection tab="runs" title="Runs" live description="The task completion log: every run of every rule, live.">
      {({ workspaceId, base }) => (
        <>
          <RuleFilter workspaceId={workspaceId} values={values} onChange={setFilter} />
          <RunsTable key={JSON.stringify(filter)} workspaceId={workspaceId} base={base} filter={filter} />
        </>
      )}
    </WorkspaceSection>
  );
}

function RuleFilter({ workspaceId, values, onChange }: { workspaceId: string; values: RunFilterValues; onChange: (v: Partial<RunFilterValues>) => void }) {
  const [{ data }] = useQuery({ query: RunRuleNamesQuery, variables: { workspaceId } });
  return <RunFilters rules={data?.rules ?? []} value={values} onChange={onChange} />;
}

/** Ids of runs that arrived in the last few seconds. */
function useFresh(latest: string | undefined): ReadonlySet<string> {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!latest) return;
    setFresh((s) => new Set(s).add(latest));
    const timer = setTimeout(
      () =>
        setFresh((s) => {
          const next = new Set(s);
          next.delete(latest);
          return next;
        }),
      FRESH_MS,
    );
    return () => clearTimeout(timer);
  }, [latest]);
  return fresh;
}

interface TableProps {
  workspaceId: string;
  base: string;
  filter: RunFilter;
}

/**
 * Loaded pages, kept up to date by the subscription: a run a page holds is updated in
 * place, a run no page holds (a new one) goes on top.
 */
function RunsTable({ workspaceId, base, filter }: TableProps) {
  const [{ data: live = {}, error: liveError }] = useSubscription(
    { query: RunUpdatedSubscription, variables: { workspaceId } },
    (previous: LiveRuns<RunRowFragment> = {}, event): LiveRuns<RunRowFragment> => heardOf(previous, event.runUpdated),
  );
  const [pages, setPages] = useState<Record<string, readonly string[]>>({});
  const onLoaded = useCallback((after: string, ids: readonly string[]) => setPages((p) => ({ ...p, [after]: ids })), []);
  const loaded = useMemo(() => new Set(Object.values(pages).flat()), [pages]);
  const fresh = newRuns(live, loaded, filter);
  const latest = useMemo(() => Object.values(live).sort((a, b) => b.seq - a.seq)[0]?.run.id, [live]);
  const highlighted = useFresh(latest);

  return (
    <>
      {liveError && <ErrorAlert error={liveError} title="Live updates stopped" />}
      <DataList label="Runs" columns={COLUMNS} minWidth={900}>
        <DataListBody>
          {fresh.map((run) => (
            <RunRow key={run.id} run={run} base={base} fresh={highlighted.has(run.id)} />
          ))}
        </DataListBody>
        <Pages
          render={(page) => (
            <RunRows
              {...page}
              workspaceId={workspaceId}
              base={base}
              filter={filter}
              live={live}
              highlighted={highlighted}
              hasNew={fresh.length > 0}
              onLoaded={onLoaded}
            />
          )}
        />
      </DataList>
    </>
  );
}

interface RowsProps extends PageProps {
  workspaceId: string;
  base: string;
  filter: RunFilter;
  live: LiveRuns<RunRowFragment>;
  highlighted: ReadonlySet<string>;
  hasNew: boolean;
  onLoaded: (after: string, ids: readonly string[]) => void;
}

function RunRows({ workspaceId, base, filter, live, highlighted, hasNew, onLoaded, ...page }: RowsProps) {
  const [{ data, fetching, error }] = useQuery({
    query: RunsQuery,
    variables: { workspaceId, ...filter, after: page.after },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.runs;
  const ids = useMemo(() => connection?.edges.map((e) => e.node.id) ?? [], [connection]);
  useEffect(() => onLoaded(page.after ?? '', ids), [onLoaded, page.after, ids]);
  const filtered = !!(filter.ruleId || filter.status || filter.from || filter.to);

  return (
    <DataListBody>
      {page.after === null && connection?.totalCount === 0 && !hasNew && (
        <EmptyRow colSpan={COLUMNS.length}>
          <EmptyState
            title={filtered ? 'No runs match' : 'No runs yet'}
            description={
              filtered
                ? 'No run matches these filters. New runs that do appear here as they start.'
                : 'A run starts when the trigger event of a switched-on rule arrives; it appears here at once and updates as its steps run.'
            }
            action={
              !filtered && (
                <Button component={Link} to={`${base}/rules`} variant="light">
                  Go to rules
                </Button>
              )
            }
          />
        </EmptyRow>
      )}
      {connection?.edges.map(({ node }) => (
        <RunRow key={node.id} run={newest(node, live[node.id])} base={base} fresh={highlighted.has(node.id)} />
      ))}
      <PageStatusRow {...page} colSpan={COLUMNS.length} fetching={fetching} error={error} pageInfo={connection?.pageInfo} />
    </DataListBody>
  );
}
