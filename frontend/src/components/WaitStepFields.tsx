import { Chip, Group, Input, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { fieldMessage } from '../lib/connectorForm';
import { WEEKDAYS, type WaitDraft } from '../lib/ruleSteps';
import { useRuleEditor } from './RuleEditorContext';

interface Props {
  path: string;
  wait: WaitDraft;
  onChange: (wait: WaitDraft) => void;
}

const DAY_LABELS: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** A wait: a duration, then optionally until a time of day on some weekdays (in the store's time zone). */
export function WaitStepFields({ path, wait, onChange }: Props) {
  const { errors, clearError, readOnly } = useRuleEditor();
  const change = (part: keyof WaitDraft, next: WaitDraft) => {
    clearError(`${path}.wait.${part}`);
    onChange(next);
  };
  const durationError = errors[`${path}.wait.duration`];
  const untilError = errors[`${path}.wait.untilTime`];
  const weekdaysError = errors[`${path}.wait.weekdays`];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Wait for"
          description="A duration like 30m, 24h or 3d."
          placeholder="24h"
          value={wait.duration}
          onChange={(e) => change('duration', { ...wait, duration: e.currentTarget.value })}
          error={durationError && fieldMessage('Duration', durationError)}
          name={`${path}.wait.duration`}
          data-path={`${path}.wait.duration`}
          readOnly={readOnly}
          autoComplete="off"
          ff="monospace"
        />
        <TextInput
          label="Then until (optional)"
          description="A time of day in the store's time zone, HH:MM."
          type="time"
          value={wait.untilTime}
          onChange={(e) => change('untilTime', { ...wait, untilTime: e.currentTarget.value })}
          error={untilError && fieldMessage('Time of day', untilError)}
          name={`${path}.wait.untilTime`}
          data-path={`${path}.wait.untilTime`}
          readOnly={readOnly}
        />
      </SimpleGrid>
      <Input.Wrapper
        label="Only on (optional)"
        description="Continue only on these weekdays; none chosen means any day."
        error={weekdaysError && fieldMessage('Weekdays', weekdaysError)}
        data-has-error={weekdaysError ? true : undefined}
      >
        <Chip.Group
          multiple
          value={wait.weekdays}
          onChange={(days) => !readOnly && change('weekdays', { ...wait, weekdays: WEEKDAYS.filter((d) => days.includes(d)) })}
        >
          <Group gap={6} mt={6} role="group" aria-label="Weekdays">
            {WEEKDAYS.map((d) => (
              <Chip key={d} value={d} size="xs">
                {DAY_LABELS[d]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
    </Stack>
  );
}
