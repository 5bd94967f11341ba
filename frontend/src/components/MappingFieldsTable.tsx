import { Alert, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { fieldMessage } from '../lib/connectorForm';
import { emptyField, move, requiredRows, type FieldDraft } from '../lib/mappingDraft';
import { useMappingEditor } from './MappingEditorContext';
import { MappingFieldRow } from './MappingFieldRow';

interface Props {
  fields: readonly FieldDraft[];
  /** `reshaped` when rows or transforms were added, moved or removed (problems then name other places). */
  onChange: (fields: FieldDraft[], reshaped: boolean) => void;
  /** Source and target entities are chosen. */
  ready: boolean;
}

/** The mapping's field rows, one per target field, with the buttons that add rows. */
export function MappingFieldsTable({ fields, onChange, ready }: Props) {
  const { errors, readOnly, sourceFields, targetFields } = useMappingEditor();
  const missing = requiredRows(fields, targetFields, sourceFields);
  const tableError = errors['definition.fields'];

  return (
    <>
      {tableError && (
        <Alert color="red" p="xs" role="alert" data-has-error data-path="definition.fields">
          {fieldMessage('Fields', tableError)}
        </Alert>
      )}
      {fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {ready
            ? 'No fields yet. Add the target’s required fields to start; each is filled from the source field of the same name when there is one.'
            : 'Choose the source and the target first: their entities’ fields are what rows map.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="xs" aria-label="Fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">Target field</Table.Th>
                <Table.Th w="30%">Value</Table.Th>
                <Table.Th>Transforms</Table.Th>
                <Table.Th w={100}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field, i) => (
                <MappingFieldRow
                  key={field.key}
                  field={field}
                  index={i}
                  count={fields.length}
                  onChange={(next, reshaped = false) => onChange(fields.map((f, k) => (k === i ? next : f)), reshaped)}
                  onMove={(by) => onChange(move(fields, i, by), true)}
                  onDelete={() => onChange(fields.filter((_, k) => k !== i), true)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!readOnly && (
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconListCheck size={16} />}
            disabled={!ready || missing.length === 0}
            onClick={() => onChange([...fields, ...missing], true)}
          >
            Add all required fields
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            disabled={!ready}
            onClick={() => onChange([...fields, emptyField()], true)}
          >
            Add field
          </Button>
          {ready && targetFields.some((f) => f.required) && (
            <Text size="xs" c="dimmed">
              * required target field
            </Text>
          )}
        </Group>
      )}
    </>
  );
}
