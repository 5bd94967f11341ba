import type { SyncRunMode, SyncRunStatus } from '../gql/graphql';
import { formatDuration } from './automation';

/** What the sync screens need of a SyncRun to place and describe it. */
export interface SyncRunLike {
  id: string;
  status: SyncRunStatus;
  startedAt: string;
  updatedAt: string;
  recordsRead: number;
  recordsTotal?: number | null;
  recordsPerSecond: number;
  etaSeconds?: number | null;
  sync: { id: string };
}

/** Sync runs heard of through the subscription (or own mutations), by run id. */
export type LiveSyncRuns<R extends SyncRunLike> = Readonly<Record<string, R>>;

const time = (iso: string) => new Date(iso).getTime();

/** The later of two versions of the same run; `b` wins a tie (it was heard of last). */
export function newerRun<R extends SyncRunLike>(a: R | null | undefined, b: R | null | undefined): R | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return time(b.updatedAt) >= time(a.updatedAt) ? b : a;
}

/** Adds a run to those heard of, keeping the later version of one already known. */
export function heardOfRun<R extends SyncRunLike>(previous: LiveSyncRuns<R>, run: R): LiveSyncRuns<R> {
  const kept = newerRun(previous[run.id], run);
  return kept === previous[run.id] ? previous : { ...previous, [run.id]: run };
}

/**
 * A sync's runs from every source (the query, the subscription, own mutations), one
 * per run at its latest version, newest first.
 */
export function mergeRuns<R extends SyncRunLike>(syncId: string, ...sources: (readonly (R | null | undefined)[])[]): R[] {
  const byId = new Map<string, R>();
  for (const runs of sources) {
    for (const run of runs) {
      if (!run || run.sync.id !== syncId) continue;
      byId.set(run.id, newerRun(byId.get(run.id), run)!);
    }
  }
  return [...byId.values()].sort((a, b) => time(b.startedAt) - time(a.startedAt));
}

/** The run a sync's row shows: the newest it has, running or not. */
export function currentRun<R extends SyncRunLike>(syncId: string, ...sources: (readonly (R | null | undefined)[])[]): R | undefined {
  return mergeRuns(syncId, ...sources)[0];
}

/** "15 min", "2 h", "1 d" for an interval in minutes. */
export function intervalText(minutes: number): string {
  return formatDuration(minutes * 60_000);
}

/** "every 15 min · on changes", "at 0 3 * * *", "on changes", or "on demand". */
export function scheduleText(sync: { intervalMinutes?: number | null; cron?: string | null; onEvents: boolean }): string {
  const parts: string[] = [];
  if (sync.intervalMinutes) parts.push(`every ${intervalText(sync.intervalMinutes)}`);
  if (sync.cron) parts.push(`at ${sync.cron}`);
  if (sync.onEvents) parts.push('on changes');
  return parts.length ? parts.join(' · ') : 'on demand';
}

/** "1,234 of 5,000 · 812 records/s · about 6 s left" (the parts that are known). */
export function progressText(run: SyncRunLike): string {
  const read = run.recordsRead.toLocaleString();
  const parts = [run.recordsTotal != null ? `${read} of ${run.recordsTotal.toLocaleString()}` : `${read} read`];
  if (run.recordsPerSecond > 0) parts.push(`${Math.round(run.recordsPerSecond).toLocaleString()} records/s`);
  if (run.etaSeconds != null) parts.push(run.etaSeconds < 1 ? 'almost done' : `about ${formatDuration(run.etaSeconds * 1000)} left`);
  return parts.join(' · ');
}

/** How far the run is, 0–100; null when the total is unknown. */
export function progressPercent(run: SyncRunLike): number | null {
  if (run.recordsTotal == null) return null;
  if (run.recordsTotal <= 0) return 100;
  return Math.min(100, (run.recordsRead / run.recordsTotal) * 100);
}

export const SYNC_MODE_LABELS: Record<SyncRunMode, string> = {
  FULL: 'Full',
  INCREMENTAL: 'Incremental',
};

const REASON_LABELS: Record<string, string> = {
  MANUAL: 'Manual',
  SCHEDULE: 'Schedule',
  EVENT: 'Change',
};

/** MANUAL, SCHEDULE or EVENT for people. */
export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason.charAt(0) + reason.slice(1).toLowerCase();
}

/** Interval minutes a sync accepts. */
export const MIN_INTERVAL = 5;
export const MAX_INTERVAL = 10080;
