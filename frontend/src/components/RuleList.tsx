import { Anchor, Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RuleRowFragment } from '../gql/graphql';
import { delayToDisplay, DELAY_UNITS } from '../lib/automation';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from './DataList';
import { RuleEnabledSwitch } from './RuleEnabledSwitch';

interface Props {
  rules: readonly RuleRowFragment[];
  /** The workspace's address; rules are edited at <base>/rules/<id>. */
  base: string;
  writable: boolean;
  onDelete: (rule: RuleRowFragment) => void;
}

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Trigger' },
  { label: 'Version', w: 90 },
  { label: 'Status', w: 110 },
  { label: 'Actions', hidden: true, w: 200 },
];

/** The workspace's rules: a table on wide screens, cards on phones. */
export function RuleList(props: Props) {
  return (
    <DataList label="Rules" columns={COLUMNS} minWidth={760}>
      <DataListBody>
        <Rows {...props} />
      </DataListBody>
    </DataList>
  );
}

function triggerText(rule: RuleRowFragment): string {
  const delay = DELAY_UNITS[rule.trigger.event];
  const shown = delayToDisplay(rule.trigger.event, rule.trigger.delayMinutes);
  return delay && shown ? `after ${shown} ${delay.unit}` : '';
}

function Rows({ rules, base, writable, onDelete }: Props) {
  const { cards } = useDataListLayout();
  return rules.map((rule) => {
    const editTo = `${base}/rules/${rule.id}`;
    const trigger = (
      <Group gap={6} wrap="wrap">
        <Code>{rule.trigger.event}</Code>
        {triggerText(rule) && (
          <Text span size="sm" c="dimmed">
            {triggerText(rule)}
          </Text>
        )}
        {rule.trigger.connection && (
          <Text span size="sm" c="dimmed">
            from {rule.trigger.connection.name}
          </Text>
        )}
      </Group>
    );
    const badges = rule.marketing && (
      <Badge color="orange" variant="light" size="sm">
        Marketing
      </Badge>
    );
    const toggle = <RuleEnabledSwitch rule={rule} disabled={!writable} />;
    const actions = (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Button
          component={Link}
          to={editTo}
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPencil size={14} />}
          aria-label={`${writable ? 'Edit' : 'Open'} ${rule.name}`}
        >
          {writable ? 'Edit' : 'Open'}
        </Button>
        {writable && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => onDelete(rule)}
            aria-label={`Delete ${rule.name}`}
          >
            Delete
          </Button>
        )}
      </Group>
    );
    if (cards) {
      return (
        <ListCard
          key={rule.id}
          label={rule.name}
          title={
            <Anchor component={Link} to={editTo} inherit>
              {rule.name}
            </Anchor>
          }
          badges={
            <>
              {toggle}
              {badges}
            </>
          }
          facts={[
            { label: 'Trigger', value: trigger },
            { label: 'Version', value: rule.version },
          ]}
          actions={actions}
        />
      );
    }
    return (
      <Table.Tr key={rule.id}>
        <Table.Td>
          <Group gap={6}>
            <Anchor component={Link} to={editTo} fw={500}>
              {rule.name}
            </Anchor>
            {badges}
          </Group>
        </Table.Td>
        <Table.Td>{trigger}</Table.Td>
        <Table.Td>{rule.version}</Table.Td>
        <Table.Td>{toggle}</Table.Td>
        <Table.Td>{actions}</Table.Td>
      </Table.Tr>
    );
  });
}
