import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { DELAY_UNITS, triggerEventOptions, type TriggerEventInfo } from '../lib/automation';
import { fieldMessage } from '../lib/connectorForm';
import { useRuleEditor } from './RuleEditorContext';

export interface TriggerEvent extends TriggerEventInfo {
  connectors: { slug: string; name: string }[];
}

interface Value {
  event: string;
  connectionId: string;
  delay: string;
}

interface Props {
  events: readonly TriggerEvent[];
  value: Value;
  onChange: (value: Partial<Value>) => void;
}

/** When a rule starts: the event, optionally only one connection's, and for derived events how long to wait. */
export function TriggerFields({ events, value, onChange }: Props) {
  const { connections, errors, clearError, readOnly } = useRuleEditor();
  const chosen = events.find((e) => e.type === value.event);
  const emitters = new Set(chosen?.connectors.map((c) => c.slug));
  const sources = connections.filter((c) => emitters.has(c.connector.slug));
  const delay = DELAY_UNITS[value.event];

  const chooseEvent = (event: string | null) => {
    clearError('trigger');
    const next = event ?? '';
    const keepsConnection = connections.some(
      (c) => c.id === value.connectionId && events.find((e) => e.type === next)?.connectors.some((k) => k.slug === c.connector.slug),
    );
    const unit = DELAY_UNITS[next];
    onChange({
      event: next,
      connectionId: keepsConnection ? value.connectionId : '',
      delay: unit ? (DELAY_UNITS[value.event]?.unit === unit.unit && value.delay ? value.delay : String(unit.default)) : '',
    });
  };

  const err = (path: string, label: string) => errors[path] && fieldMessage(label, errors[path]);

  return (
    <SimpleGrid cols={{ base: 1, sm: delay ? 3 : 2 }} spacing="sm">
      <Select
        label="Trigger event"
        description={chosen?.derived ? 'Derived by Switchboard from other events.' : 'What starts a run.'}
        placeholder="Choose an event"
        data={triggerEventOptions(events)}
        value={value.event || null}
        onChange={chooseEvent}
        searchable
        required
        allowDeselect={false}
        readOnly={readOnly}
        error={err('trigger.event', 'Trigger event')}
        name="trigger.event"
        data-path="trigger.event"
        comboboxProps={{ withinPortal: true }}
        maxDropdownHeight={320}
      />
      <Select
        label="Only from"
        description="Optional: one connection's events."
        placeholder={chosen?.derived ? 'Any (derived event)' : 'Any connection'}
        data={sources.map((c) => ({ value: c.id, label: c.name }))}
        value={value.connectionId || null}
        onChange={(id) => {
          clearError('trigger.connectionId');
          onChange({ connectionId: id ?? '' });
        }}
        clearable
        disabled={!chosen || chosen.derived || sources.length === 0}
        readOnly={readOnly}
        error={err('trigger.connectionId', 'Connection')}
        name="trigger.connectionId"
        data-path="trigger.connectionId"
        comboboxProps={{ withinPortal: true }}
      />
      {delay && (
        <NumberInput
          label={delay.label}
          description={delay.help}
          min={1}
          allowDecimal={false}
          value={value.delay}
          onChange={(v) => {
            clearError('trigger.delayMinutes');
            onChange({ delay: String(v) });
          }}
          readOnly={readOnly}
          error={err('trigger.delayMinutes', delay.label)}
          name="trigger.delayMinutes"
          data-path="trigger.delayMinutes"
        />
      )}
    </SimpleGrid>
  );
}
