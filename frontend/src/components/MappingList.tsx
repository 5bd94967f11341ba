import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { MappingRowFragment } from '../gql/graphql';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from './DataList';

interface Props {
  mappings: readonly MappingRowFragment[];
  /** The workspace's address; mappings are edited at <base>/syncs/mappings/<id>. */
  base: string;
  writable: boolean;
  onCreateSync: (mapping: MappingRowFragment) => void;
  onDelete: (mapping: MappingRowFragment) => void;
}

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Source' },
  { label: 'Target' },
  { label: 'Version', w: 90 },
  { label: 'Actions', hidden: true, w: 290 },
];

/** The workspace's mappings: where records come from and go to, and their version. */
export function MappingList(props: Props) {
  return (
    <DataList label="Mappings" columns={COLUMNS} minWidth={860}>
      <DataListBody>
        <Rows {...props} />
      </DataListBody>
    </DataList>
  );
}

function Rows({ mappings, base, writable, onCreateSync, onDelete }: Props) {
  const { cards } = useDataListLayout();
  return mappings.map((m) => {
    const editTo = `${base}/syncs/mappings/${m.id}`;
    const source = (
      <Text size="sm">
        {m.sourceConnection.name}{' '}
        <Text span size="sm" c="dimmed">
          · {m.sourceEntity}
        </Text>
      </Text>
    );
    const target = (
      <Text size="sm">
        {m.targetConnection.name}{' '}
        <Text span size="sm" c="dimmed">
          · {m.targetEntity}
        </Text>
      </Text>
    );
    const used = m.syncs.length > 0 && (
      <Text size="xs" c="dimmed">
        Used by {m.syncs.map((s) => s.name).join(', ')}
      </Text>
    );
    const buttons = (
      <>
        {writable && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => onCreateSync(m)}
            aria-label={`Create a sync of ${m.name}`}
          >
            New sync
          </Button>
        )}
        <Button
          component={Link}
          to={editTo}
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPencil size={14} />}
          aria-label={`${writable ? 'Edit' : 'Open'} ${m.name}`}
        >
          {writable ? 'Edit' : 'Open'}
        </Button>
        {writable && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => onDelete(m)}
            aria-label={`Delete ${m.name}`}
          >
            Delete
          </Button>
        )}
      </>
    );
    // On a phone card, three buttons in a row would squeeze the name to a few letters a line: stack them.
    const actions = cards ? (
      <Stack gap={4} align="flex-end">
        {buttons}
      </Stack>
    ) : (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {buttons}
      </Group>
    );
    const name = (
      <Anchor component={Link} to={editTo} fw={500} inherit>
        {m.name}
      </Anchor>
    );
    if (cards) {
      return (
        <ListCard
          key={m.id}
          label={m.name}
          title={name}
          facts={[
            { label: 'Source', value: source },
            { label: 'Target', value: target },
            { label: 'Version', value: m.version },
          ]}
          actions={actions}
        />
      );
    }
    return (
      <Table.Tr key={m.id} aria-label={m.name}>
        <Table.Td>
          {name}
          {used}
        </Table.Td>
        <Table.Td>{source}</Table.Td>
        <Table.Td>{target}</Table.Td>
        <Table.Td>{m.version}</Table.Td>
        <Table.Td>{actions}</Table.Td>
      </Table.Tr>
    );
  });
}
