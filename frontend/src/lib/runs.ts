import type { RunStatus } from '../gql/graphql';

/** What the runs list needs of a Run to place it. */
export interface RunLike {
  id: string;
  status: RunStatus;
  startedAt: string;
  updatedAt: string;
  rule: { id: string };
}

export interface RunFilter {
  ruleId?: string;
  status?: RunStatus;
  /** RFC 3339, inclusive. */
  from?: string;
  /** RFC 3339, exclusive. */
  to?: string;
}

/** A run as last heard of, and in which order the news arrived. */
export interface LiveRun<R extends RunLike> {
  run: R;
  seq: number;
}

export type LiveRuns<R extends RunLike> = Record<string, LiveRun<R>>;

let arrivals = 0;

/** Adds what the subscription reported to the runs heard of so far. */
export function heardOf<R extends RunLike>(previous: LiveRuns<R>, run: R): LiveRuns<R> {
  arrivals += 1;
  return { ...previous, [run.id]: { run, seq: arrivals } };
}

const time = (iso: string) => new Date(iso).getTime();

/** The newer of what a page loaded and what the subscription reported. */
export function newest<R extends RunLike>(loaded: R, live: LiveRun<R> | undefined): R {
  if (!live) return loaded;
  return time(live.run.updatedAt) >= time(loaded.updatedAt) ? live.run : loaded;
}

export function matchesFilter(run: RunLike, f: RunFilter): boolean {
  if (f.ruleId && run.rule.id !== f.ruleId) return false;
  if (f.status && run.status !== f.status) return false;
  if (f.from && time(run.startedAt) < time(f.from)) return false;
  if (f.to && time(run.startedAt) >= time(f.to)) return false;
  return true;
}

/** Runs the subscription reported that no loaded page holds (new ones): newest first. */
export function newRuns<R extends RunLike>(live: LiveRuns<R>, loaded: ReadonlySet<string>, f: RunFilter): R[] {
  return Object.values(live)
    .map((l) => l.run)
    .filter((r) => !loaded.has(r.id) && matchesFilter(r, f))
    .sort((a, b) => time(b.startedAt) - time(a.startedAt));
}

/** The start of a local calendar day ("2026-03-04") as RFC 3339; `nextDay` for an exclusive end. */
export function dayStart(day: string, nextDay = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (nextDay ? 1 : 0));
  return d.toISOString();
}
