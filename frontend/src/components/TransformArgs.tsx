import { MultiSelect, NumberInput, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { fieldMessage } from '../lib/connectorForm';
import { TRANSFORM_ARGS, type TransformArg, type TransformDraft } from '../lib/mappingDraft';
import { fieldOptions, useMappingEditor } from './MappingEditorContext';

interface Props {
  transform: TransformDraft;
  /** Where the transform is, e.g. definition.fields.2.transforms.0. */
  path: string;
  onChange: (part: Partial<TransformDraft>) => void;
}

const LABELS: Record<TransformArg, string> = {
  separator: 'Separator',
  index: 'Index',
  region: 'Region',
  layout: 'Layout',
  timeZone: 'Time zone',
  decimals: 'Decimals',
  currency: 'Currency',
  table: 'Table',
  default: 'Default',
  paths: 'Paths',
};

/** The argument inputs of one transform, by its kind (none for trim, lower and upper). */
export function TransformArgs({ transform, path, onChange }: Props) {
  const { errors, clearError, readOnly, sourceFields } = useMappingEditor();
  const args = TRANSFORM_ARGS[transform.kind];
  if (args.length === 0) return null;

  const common = (arg: TransformArg) => ({
    label: LABELS[arg],
    size: 'xs' as const,
    readOnly,
    error: errors[`${path}.${arg}`] && fieldMessage(LABELS[arg], errors[`${path}.${arg}`]),
    'data-path': `${path}.${arg}`,
  });
  const set = (arg: TransformArg, value: string | string[]) => {
    clearError(`${path}.${arg}`);
    onChange({ [arg]: value });
  };
  const text = (arg: Exclude<TransformArg, 'paths'>, placeholder?: string, description?: string) => (
    <TextInput
      key={arg}
      {...common(arg)}
      placeholder={placeholder}
      description={description}
      value={transform[arg]}
      onChange={(e) => set(arg, e.currentTarget.value)}
    />
  );
  const integer = (arg: 'index' | 'decimals', placeholder: string, negative: boolean) => (
    <NumberInput
      key={arg}
      {...common(arg)}
      placeholder={placeholder}
      allowDecimal={false}
      allowNegative={negative}
      value={transform[arg]}
      onChange={(v) => set(arg, String(v))}
    />
  );

  let inputs: ReactNode[] = [];
  switch (transform.kind) {
    case 'split':
      inputs = [text('separator', 'e.g. a space or ,'), integer('index', 'all parts', true)];
      break;
    case 'join':
      inputs = [text('separator', ', ')];
      break;
    case 'e164':
      inputs = [text('region', 'US', 'For numbers without +')];
      break;
    case 'date':
      inputs = [text('layout', 'RFC3339'), text('timeZone', 'UTC')];
      break;
    case 'number':
      inputs = [integer('decimals', 'as is', false)];
      break;
    case 'currency':
      inputs = [text('currency', 'USD')];
      break;
    case 'lookup':
      inputs = [
        <Textarea
          key="table"
          {...common('table')}
          description="One key=value a line"
          placeholder={'paid=PAID\nrefunded=REFUNDED'}
          autosize
          minRows={2}
          value={transform.table}
          onChange={(e) => set('table', e.currentTarget.value)}
        />,
        text('default', 'no default: an error'),
      ];
      break;
    case 'first_non_empty':
      inputs = [
        <MultiSelect
          key="paths"
          {...common('paths')}
          description="Tried in order when the value is empty"
          data={fieldOptions(sourceFields)}
          value={transform.paths}
          onChange={(v) => set('paths', v)}
          searchable
          comboboxProps={{ withinPortal: true }}
        />,
      ];
      break;
  }
  return (
    <SimpleGrid cols={{ base: 1, xs: inputs.length > 1 ? 2 : 1 }} spacing="xs" verticalSpacing={4}>
      {inputs}
    </SimpleGrid>
  );
}
