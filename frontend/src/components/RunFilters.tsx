import { Group, Select, TextInput } from '@mantine/core';
import type { RunStatus } from '../gql/graphql';
import { RUN_STATUSES, RUN_STATUS_LOOK } from '../lib/automation';

export interface RunFilterValues {
  rule: string;
  status: string;
  /** Local days, YYYY-MM-DD. */
  from: string;
  to: string;
}

interface Props {
  rules: readonly { id: string; name: string }[];
  value: RunFilterValues;
  onChange: (value: Partial<RunFilterValues>) => void;
}

/** Narrow the runs log to a rule, a status and a range of days. */
export function RunFilters({ rules, value, onChange }: Props) {
  return (
    <Group gap="sm" align="flex-end" mb="md" role="search" aria-label="Filter runs">
      <Select
        label="Rule"
        placeholder="All rules"
        data={rules.map((r) => ({ value: r.id, label: r.name }))}
        value={value.rule || null}
        onChange={(rule) => onChange({ rule: rule ?? '' })}
        clearable
        searchable
        w={240}
        maw="100%"
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={RUN_STATUSES.map((s: RunStatus) => ({ value: s, label: RUN_STATUS_LOOK[s].label }))}
        value={value.status || null}
        onChange={(status) => onChange({ status: status ?? '' })}
        clearable
        w={170}
        maw="100%"
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label="From"
        type="date"
        value={value.from}
        max={value.to || undefined}
        onChange={(e) => onChange({ from: e.currentTarget.value })}
        w={170}
        maw="100%"
      />
      <TextInput
        label="To"
        type="date"
        value={value.to}
        min={value.from || undefined}
        onChange={(e) => onChange({ to: e.currentTarget.value })}
        w={170}
        maw="100%"
      />
    </Group>
  );
}
