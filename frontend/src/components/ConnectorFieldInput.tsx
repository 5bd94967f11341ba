import { NumberInput, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import { inputFor, type FieldSpec } from '../lib/connectorForm';

interface Props {
  field: FieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** The input a connector field asks for, generated from its Spec: never written per connector. */
export function ConnectorFieldInput({ field, value, error, onChange }: Props) {
  const plan = inputFor(field);
  const common = {
    label: field.label,
    description: field.help || undefined,
    required: field.required,
    error,
    name: field.name,
  };
  const maxLength = field.maxLength > 0 ? field.maxLength : undefined;
  switch (plan.component) {
    case 'password':
      return (
        <PasswordInput
          {...common}
          maxLength={maxLength}
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={plan.min}
          max={plan.max}
          allowDecimal
          value={value}
          onChange={(v) => onChange(String(v))}
        />
      );
    case 'switch':
      return (
        <Switch
          label={field.label}
          description={field.help || undefined}
          error={error}
          name={field.name}
          checked={value === 'true'}
          onChange={(e) => onChange(e.currentTarget.checked ? 'true' : 'false')}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={plan.options}
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!field.required}
          allowDeselect={!field.required}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'text':
      return (
        <TextInput
          {...common}
          type={plan.inputType}
          inputMode={plan.inputMode}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
