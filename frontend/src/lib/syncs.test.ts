import { describe, expect, it } from 'vitest';
import { currentRun, progressPercent, progressText, scheduleText } from './syncs';

const run = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  status: 'RUNNING' as const,
  startedAt: '2026-03-04T10:00:00Z',
  updatedAt: '2026-03-04T10:00:02Z',
  recordsRead: 1234,
  recordsTotal: 5000 as number | null,
  recordsPerSecond: 812.4,
  etaSeconds: 6 as number | null,
  sync: { id: 's1' },
  ...over,
});

describe('sync helpers', () => {
  it('describes a schedule', () => {
    expect(scheduleText({ intervalMinutes: 15, onEvents: true })).toBe('every 15 min · on changes');
    expect(scheduleText({ intervalMinutes: 1440, onEvents: false })).toBe('every 1 d');
    expect(scheduleText({ intervalMinutes: 90, onEvents: false })).toBe('every 1 h 30 min');
    expect(scheduleText({ intervalMinutes: null, onEvents: true })).toBe('on changes');
    expect(scheduleText({ intervalMinutes: null, onEvents: false })).toBe('on demand');
    expect(scheduleText({ intervalMinutes: null, cron: '0 3 * * *', onEvents: true })).toBe('at 0 3 * * * · on changes');
  });

  it('describes progress with the parts that are known', () => {
    expect(progressText(run())).toBe('1,234 of 5,000 · 812 records/s · about 6 s left');
    expect(progressText(run({ recordsTotal: null, etaSeconds: null }))).toBe('1,234 read · 812 records/s');
    expect(progressText(run({ recordsRead: 0, recordsPerSecond: 0, etaSeconds: null }))).toBe('0 of 5,000');
    expect(progressPercent(run({ recordsTotal: null }))).toBeNull();
    expect(progressPercent(run({ recordsRead: 6000 }))).toBe(100);
  });

  it('picks the newest run of a sync, at its latest version', () => {
    const old = run({ id: 'r0', status: 'SUCCEEDED', startedAt: '2026-03-03T10:00:00Z' });
    const stale = run();
    const fresh = run({ recordsRead: 2000, updatedAt: '2026-03-04T10:00:05Z' });
    const other = run({ id: 'r9', startedAt: '2026-03-05T10:00:00Z', sync: { id: 's2' } });
    expect(currentRun('s1', [old, stale], [other, fresh])).toBe(fresh);
    expect(currentRun('s1', [old, fresh], [stale])).toBe(fresh);
    expect(currentRun('s3', [old])).toBeUndefined();
  });
});
