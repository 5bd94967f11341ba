import { ActionIcon, Code, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { fieldMessage } from '../lib/connectorForm';
import { emptyTransform, move, TRANSFORM_KINDS, TRANSFORM_LABELS, type TransformDraft, type TransformKind } from '../lib/mappingDraft';
import { rowPath } from '../lib/mappingErrors';
import { useMappingEditor } from './MappingEditorContext';
import { TransformArgs } from './TransformArgs';

interface Props {
  /** The row's place, from 0. */
  row: number;
  transforms: readonly TransformDraft[];
  /** `reshaped` when transforms were added, moved or removed (problems then name other places). */
  onChange: (transforms: TransformDraft[], reshaped: boolean) => void;
}

const KIND_OPTIONS = TRANSFORM_KINDS.map((kind) => ({ value: kind, label: `${TRANSFORM_LABELS[kind]} (${kind})` }));

/** A field's transforms, applied in order: add, set arguments, move and remove. */
export function TransformList({ row, transforms, onChange }: Props) {
  const { errors, readOnly } = useMappingEditor();
  const n = row + 1;
  return (
    <Stack gap={6} miw={240}>
      {transforms.map((t, j) => {
        const path = rowPath(row, `transforms.${j}`);
        const own = errors[path];
        const kind = errors[`${path}.kind`];
        const problem = [own && fieldMessage('', own), kind && fieldMessage('Transform', kind)].filter(Boolean).join(' ');
        return (
          <Paper key={t.key} withBorder p={6} radius="sm" aria-label={`Transform ${j + 1} of row ${n}`} role="group">
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Group gap={6} miw={0} wrap="nowrap">
                <Text size="xs" fw={600} truncate>
                  {j + 1}. {TRANSFORM_LABELS[t.kind]}
                </Text>
                <Code fz="xs">{t.kind}</Code>
              </Group>
              {!readOnly && (
                <Group gap={0} wrap="nowrap">
                  <Tooltip label="Move up" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      disabled={j === 0}
                      onClick={() => onChange(move(transforms, j, -1), true)}
                      aria-label={`Move transform ${j + 1} of row ${n} up`}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      disabled={j === transforms.length - 1}
                      onClick={() => onChange(move(transforms, j, 1), true)}
                      aria-label={`Move transform ${j + 1} of row ${n} down`}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Remove" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(transforms.filter((_, k) => k !== j), true)}
                      aria-label={`Remove transform ${j + 1} of row ${n}`}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
            {problem && (
              <Text size="xs" c="red" mt={4} data-has-error>
                {problem}
              </Text>
            )}
            <TransformArgs
              transform={t}
              path={path}
              onChange={(part) => onChange(transforms.map((x, k) => (k === j ? { ...x, ...part } : x)), false)}
            />
          </Paper>
        );
      })}
      {!readOnly && (
        <Select
          size="xs"
          aria-label={`Add transform to row ${n}`}
          placeholder="Add transform…"
          data={KIND_OPTIONS}
          value={null}
          onChange={(kind) => kind && onChange([...transforms, emptyTransform(kind as TransformKind)], true)}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Stack>
  );
}
