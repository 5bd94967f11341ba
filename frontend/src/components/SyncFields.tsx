import { NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { fieldMessage } from '../lib/connectorForm';
import { MAX_INTERVAL, MIN_INTERVAL } from '../lib/syncs';

export interface SyncFieldValues {
  name: string;
  /** Minutes as typed; empty for on demand only. */
  interval: string;
  /** A cron expression instead of an interval; empty when unset. */
  cron: string;
  onEvents: boolean;
  enabled: boolean;
}

/** The SyncInput parts of the values (without mappingId). */
export function syncInputOf(v: SyncFieldValues) {
  const minutes = v.interval.trim() === '' ? null : Number(v.interval);
  return {
    name: v.name.trim(),
    intervalMinutes: minutes !== null && Number.isFinite(minutes) ? minutes : null,
    cron: v.cron.trim(),
    onEvents: v.onEvents,
    enabled: v.enabled,
  };
}

export const SYNC_FORM_FIELDS = ['name', 'intervalMinutes', 'cron', 'onEvents', 'enabled', 'mappingId'];

interface Props {
  value: SyncFieldValues;
  onChange: (part: Partial<SyncFieldValues>) => void;
  /** Messages by SyncInput field name. */
  errors: Record<string, string>;
  /** Show the on/off switch (a new sync starts on). */
  withEnabled?: boolean;
  readOnly?: boolean;
}

/** A sync's name and schedule: every N minutes, on the source's changes, or on demand only. */
export function SyncFields({ value, onChange, errors, withEnabled, readOnly }: Props) {
  const err = (name: string, label: string) => errors[name] && fieldMessage(label, errors[name]);
  return (
    <Stack gap="sm">
      <TextInput
        label="Name"
        required
        maxLength={120}
        data-autofocus
        value={value.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={err('name', 'Name')}
        readOnly={readOnly}
      />
      <NumberInput
        label="Run every (minutes)"
        description={`Optional: ${MIN_INTERVAL} to ${MAX_INTERVAL} (a week). Empty runs on demand${value.onEvents ? ' and on changes' : ''} only.`}
        placeholder="On demand"
        min={MIN_INTERVAL}
        max={MAX_INTERVAL}
        allowDecimal={false}
        allowNegative={false}
        value={value.interval}
        onChange={(v) => onChange({ interval: String(v) })}
        error={err('intervalMinutes', 'Interval')}
        readOnly={readOnly}
      />
      <TextInput
        label="Or at these times (cron)"
        description="Instead of an interval: a cron expression such as 0 3 * * * (03:00 in the store's time zone)."
        placeholder="0 3 * * *"
        maxLength={120}
        value={value.cron}
        onChange={(e) => onChange({ cron: e.currentTarget.value })}
        error={err('cron', 'Cron schedule')}
        readOnly={readOnly}
        ff="monospace"
        autoComplete="off"
      />
      <Switch
        label="Also run on changes"
        description="Runs when the source reports a change (through its webhooks)."
        checked={value.onEvents}
        onChange={(e) => onChange({ onEvents: e.currentTarget.checked })}
        error={err('onEvents', 'Run on changes')}
        disabled={readOnly}
      />
      {withEnabled && (
        <Switch
          label="Enabled"
          description="A disabled sync runs only when you start it."
          checked={value.enabled}
          onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
          error={err('enabled', 'Enabled')}
          disabled={readOnly}
        />
      )}
    </Stack>
  );
}

/** Whether the interval typed is one a sync accepts (or empty). */
export function intervalProblem(interval: string): string | undefined {
  if (interval.trim() === '') return undefined;
  const n = Number(interval);
  if (!Number.isInteger(n) || n < MIN_INTERVAL || n > MAX_INTERVAL) {
    return `Interval must be a whole number of minutes from ${MIN_INTERVAL} to ${MAX_INTERVAL}, or empty.`;
  }
  return undefined;
}
