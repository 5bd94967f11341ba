import { ActionIcon, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { fieldMessage } from '../lib/connectorForm';
import type { FieldDraft, TransformDraft, ValueKind } from '../lib/mappingDraft';
import { rowPath } from '../lib/mappingErrors';
import { fieldOptions, useMappingEditor } from './MappingEditorContext';
import { TransformList } from './TransformList';

interface Props {
  field: FieldDraft;
  /** Its place, from 0. */
  index: number;
  count: number;
  /** `reshaped` when transforms were added, moved or removed. */
  onChange: (field: FieldDraft, reshaped?: boolean) => void;
  onMove: (by: number) => void;
  onDelete: () => void;
}

const KINDS: { value: ValueKind; label: string }[] = [
  { value: 'source', label: 'Source field' },
  { value: 'constant', label: 'Constant' },
  { value: 'template', label: 'Template' },
];

/** One target field of a mapping: which field, where its value comes from, and its transforms. */
export function MappingFieldRow({ field, index, count, onChange, onMove, onDelete }: Props) {
  const { errors, clearError, readOnly, sourceFields, targetFields } = useMappingEditor();
  const n = index + 1;
  const valuePaths = ['source', 'constant', 'template'].map((p) => rowPath(index, p));
  const valueError = valuePaths.map((p) => errors[p]).find(Boolean);
  const targetError = errors[rowPath(index, 'target')];
  const rowError = errors[rowPath(index)];

  const setValue = (value: string) => {
    valuePaths.forEach(clearError);
    onChange({ ...field, value });
  };
  const setKind = (kind: ValueKind) => {
    valuePaths.forEach(clearError);
    // Text carries over between a constant and a template; a source field name does not.
    const keep = kind !== 'source' && field.kind !== 'source';
    onChange({ ...field, kind, value: keep ? field.value : '' });
  };
  const targetOptions = fieldOptions(targetFields, true);
  // A saved target the connector no longer lists still shows.
  if (field.target && !targetOptions.some((o) => o.value === field.target)) targetOptions.push({ value: field.target, label: field.target });
  const sourceOptions = fieldOptions(sourceFields);
  if (field.kind === 'source' && field.value && !sourceOptions.some((o) => o.value === field.value)) {
    sourceOptions.push({ value: field.value, label: field.value });
  }

  return (
    <Table.Tr aria-label={`Field ${n}`} data-row={index} style={{ verticalAlign: 'top' }}>
      <Table.Td>
        <Stack gap={4}>
          <Select
            aria-label={`Target field of row ${n}`}
            placeholder="Target field"
            data={targetOptions}
            value={field.target || null}
            onChange={(target) => {
              clearError(rowPath(index, 'target'));
              onChange({ ...field, target: target ?? '' });
            }}
            searchable
            readOnly={readOnly}
            error={targetError && fieldMessage('Target field', targetError)}
            data-path={rowPath(index, 'target')}
            comboboxProps={{ withinPortal: true }}
          />
          {rowError && (
            <Text size="xs" c="red" data-has-error>
              {fieldMessage('', rowError)}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          <SegmentedControl
            size="xs"
            aria-label={`Value of row ${n} comes from`}
            data={KINDS}
            value={field.kind}
            onChange={(v) => setKind(v as ValueKind)}
            readOnly={readOnly}
            fullWidth
          />
          {field.kind === 'source' ? (
            <Select
              aria-label={`Source field of row ${n}`}
              placeholder="Source field"
              data={sourceOptions}
              value={field.value || null}
              onChange={(v) => setValue(v ?? '')}
              searchable
              readOnly={readOnly}
              error={valueError && fieldMessage('Source field', valueError)}
              data-path={rowPath(index, 'source')}
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <TextInput
              aria-label={`${field.kind === 'constant' ? 'Constant' : 'Template'} of row ${n}`}
              placeholder={field.kind === 'constant' ? 'A fixed value' : '{{firstName}} {{lastName}}'}
              value={field.value}
              onChange={(e) => setValue(e.currentTarget.value)}
              readOnly={readOnly}
              error={valueError && fieldMessage(field.kind === 'constant' ? 'Constant' : 'Template', valueError)}
              data-path={rowPath(index, field.kind)}
              ff={field.kind === 'template' ? 'monospace' : undefined}
            />
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <TransformList
          row={index}
          transforms={field.transforms}
          onChange={(transforms: TransformDraft[], reshaped) => onChange({ ...field, transforms }, reshaped)}
        />
      </Table.Td>
      <Table.Td>
        {!readOnly && (
          <Group gap={0} wrap="nowrap">
            <Tooltip label="Move up" withArrow>
              <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move row ${n} up`}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === count - 1}
                onClick={() => onMove(1)}
                aria-label={`Move row ${n} down`}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove" withArrow>
              <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Remove row ${n}`}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
