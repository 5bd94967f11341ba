import { Alert, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { MappingPreviewRowFieldsFragment } from '../gql/graphql';
import type { MappingInputValue } from '../lib/mappingDraft';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';

graphql(`
  fragment MappingPreviewRowFields on MappingPreviewRow {
    sourceId
    source
    target
    errors
  }
`);

const PreviewMappingQuery = graphql(`
  query PreviewMapping($workspaceId: ID!, $input: MappingInput!, $limit: Int) {
    previewMapping(workspaceId: $workspaceId, input: $input, limit: $limit) {
      ...MappingPreviewRowFields
    }
  }
`);

const LIMIT = 10;

interface Props {
  workspaceId: string;
  /** The mapping as it is in the form, saved or not. */
  input: MappingInputValue;
  /** Source and target are chosen. */
  ready: boolean;
  /** A problem the form shows on its inputs (VALIDATION_FAILED); true when it took it. */
  onProblems: (error: CombinedError) => boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; rows: readonly MappingPreviewRowFieldsFragment[]; columns: string[] }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: CombinedError };

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The mapped target fields, in the form's order, then any others the rows hold. */
function columnsOf(input: MappingInputValue, rows: readonly MappingPreviewRowFieldsFragment[]): string[] {
  const columns = input.definition.fields.map((f) => String(f.target ?? '')).filter(Boolean);
  for (const row of rows) {
    for (const key of [...Object.keys(asRecord(row.target)), ...Object.keys(asRecord(row.errors))]) {
      if (!columns.includes(key)) columns.push(key);
    }
  }
  return [...new Set(columns)];
}

/** Runs the unsaved mapping on the source's first records and shows what the target would get. */
export function MappingPreview({ workspaceId, input, ready, onProblems }: Props) {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = async () => {
    setState({ kind: 'loading' });
    const result = await client
      .query(PreviewMappingQuery, { workspaceId, input, limit: LIMIT }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) {
      const rows = result.data.previewMapping;
      setState({ kind: 'done', rows, columns: columnsOf(input, rows) });
    } else if (result.error) {
      setState(onProblems(result.error) ? { kind: 'invalid' } : { kind: 'failed', error: result.error });
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Preview">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4">
            Preview
          </Title>
          <Text size="sm" c="dimmed">
            Runs the mapping as it is in the form, saved or not, on the source’s first records. Nothing is written.
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconEye size={16} />}
          loading={state.kind === 'loading'}
          disabled={!ready}
          onClick={() => void run()}
        >
          Preview with {LIMIT} records
        </Button>
      </Group>
      <Stack gap="sm" mt="sm">
        {state.kind === 'loading' && (
          <Stack gap={6} aria-busy aria-label="Loading preview">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={28} radius="sm" />
            ))}
          </Stack>
        )}
        {state.kind === 'invalid' && (
          <Alert color="red" p="xs" icon={<IconAlertCircle />}>
            The mapping has problems, shown on the form above: fix them to preview.
          </Alert>
        )}
        {state.kind === 'failed' && <ErrorAlert error={state.error} title="Could not preview" />}
        {state.kind === 'done' &&
          (state.rows.length === 0 ? (
            <EmptyState title="No source records" description="The source entity has no records yet, so there is nothing to preview." />
          ) : (
            <PreviewTable rows={state.rows} columns={state.columns} />
          ))}
      </Stack>
    </Card>
  );
}

function PreviewTable({ rows, columns }: { rows: readonly MappingPreviewRowFieldsFragment[]; columns: string[] }) {
  return (
    <Table.ScrollContainer minWidth={Math.max(480, 160 * (columns.length + 1))}>
      <Table verticalSpacing={6} striped aria-label="Preview records">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source record</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const target = asRecord(row.target);
            const errors = asRecord(row.errors);
            return (
              <Table.Tr key={row.sourceId} data-invalid={Object.keys(errors).length > 0 || undefined}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {row.sourceId}
                  </Text>
                </Table.Td>
                {columns.map((c) =>
                  errors[c] !== undefined ? (
                    <Table.Td key={c} data-error bg="red.0">
                      <Text size="sm" c="red.8">
                        {show(errors[c])}
                      </Text>
                    </Table.Td>
                  ) : (
                    <Table.Td key={c} style={{ overflowWrap: 'anywhere' }}>
                      {show(target[c]) || (
                        <Text span size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
