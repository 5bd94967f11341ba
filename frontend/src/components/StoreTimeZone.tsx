import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClock } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../lib/errors';
import { useWorkspace } from './WorkspaceCrumbs';

const SetTimeZoneMutation = graphql(`
  mutation SetWorkspaceTimeZone($input: SetWorkspaceTimeZoneInput!) {
    setWorkspaceTimeZone(input: $input) {
      id
      timeZone
    }
  }
`);

/** Every IANA zone the browser knows, with UTC first. */
function zoneNames(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}

interface Props {
  workspaceId: string;
  writable: boolean;
}

/**
 * The store's time zone, which waits "until 09:00" and cron schedules are read in;
 * an admin changes it in place.
 */
export function StoreTimeZone({ workspaceId, writable }: Props) {
  const { workspace } = useWorkspace(workspaceId);
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [{ fetching }, setTimeZone] = useMutation(SetTimeZoneMutation);
  const zones = useMemo(zoneNames, []);
  const current = workspace?.timeZone ?? 'UTC';

  const save = async () => {
    if (!choice) return;
    const result = await setTimeZone({ input: { id: workspaceId, timeZone: choice } });
    if (result.error) {
      const problems = formErrors(result.error, ['timeZone']);
      setError(problems.fields.timeZone ?? problems.form);
      return;
    }
    setEditing(false);
    notifications.show({ color: 'teal', message: `Times are now read in ${choice}.` });
  };

  if (!editing) {
    return (
      <Group gap="xs" mb="sm">
        <IconClock size={16} aria-hidden />
        <Text size="sm" c="dimmed">
          Store time zone: <Text span fw={500} c="var(--mantine-color-text)" data-testid="store-time-zone">{current}</Text>
        </Text>
        {writable && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setChoice(current);
              setError(undefined);
              setEditing(true);
            }}
          >
            Change
          </Button>
        )}
      </Group>
    );
  }
  return (
    <Group gap="xs" mb="sm" align="flex-start">
      <Select
        label="Store time zone"
        description="Waits until a time of day and schedules use it."
        data={zones}
        value={choice}
        onChange={(value) => {
          setChoice(value);
          setError(undefined);
        }}
        searchable
        nothingFoundMessage="No such time zone"
        error={error}
        w={320}
        comboboxProps={{ withinPortal: true }}
      />
      <Group gap="xs" mt={44}>
        <Button size="xs" onClick={() => void save()} loading={fetching} disabled={!choice || choice === current}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setEditing(false)} disabled={fetching}>
          Cancel
        </Button>
      </Group>
    </Group>
  );
}
