import { Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { MappingConnectionFragment } from '../gql/graphql';
import { fieldMessage } from '../lib/connectorForm';
import type { MappingDraft } from '../lib/mappingDraft';
import { useMappingEditor } from './MappingEditorContext';

type Side = 'source' | 'target';

interface Props {
  connections: readonly MappingConnectionFragment[];
  value: Pick<MappingDraft, 'sourceConnectionId' | 'sourceEntity' | 'targetConnectionId' | 'targetEntity'>;
  onChange: (part: Partial<MappingDraft>) => void;
  /** A saved mapping keeps its source and target. */
  fixed: boolean;
}

const WANTS = { source: 'read', target: 'write' } as const;

/** The entities a connection's connector can read (source) or write (target). */
export function entitiesFor(connection: MappingConnectionFragment | undefined, side: Side) {
  return connection?.connector.entities.filter((e) => e[WANTS[side]]) ?? [];
}

/** Where records come from and go to: a connection and one of its connector's entities, on each side. */
export function MappingEndpoints({ connections, value, onChange, fixed }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Endpoint side="source" connections={connections} value={value} onChange={onChange} fixed={fixed} />
      <Endpoint side="target" connections={connections} value={value} onChange={onChange} fixed={fixed} />
    </SimpleGrid>
  );
}

function Endpoint({ side, connections, value, onChange, fixed }: Props & { side: Side }) {
  const { errors, clearError, readOnly } = useMappingEditor();
  const connectionKey = side === 'source' ? 'sourceConnectionId' : 'targetConnectionId';
  const entityKey = side === 'source' ? 'sourceEntity' : 'targetEntity';
  const chosen = connections.find((c) => c.id === value[connectionKey]);
  const usable = connections.filter((c) => c === chosen || entitiesFor(c, side).length > 0);
  const entities = entitiesFor(chosen, side);
  const title = side === 'source' ? 'Source' : 'Target';
  const err = (key: string, label: string) => errors[key] && fieldMessage(label, errors[key]);

  return (
    <Stack gap="xs" role="group" aria-label={title}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Select
        label={`${title} connection`}
        description={side === 'source' ? 'Records are read from here.' : 'Records are written here.'}
        placeholder={usable.length ? 'Choose a connection' : 'No connection can be used'}
        data={usable.map((c) => ({ value: c.id, label: `${c.name} (${c.connector.name})` }))}
        value={value[connectionKey] || null}
        onChange={(id) => {
          clearError(connectionKey);
          clearError(entityKey);
          const next = entitiesFor(connections.find((c) => c.id === id), side);
          onChange({ [connectionKey]: id ?? '', [entityKey]: next.length === 1 ? next[0].name : '' });
        }}
        disabled={fixed}
        readOnly={readOnly}
        required
        error={err(connectionKey, 'Connection')}
        data-path={connectionKey}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={`${title} entity`}
        placeholder={chosen ? 'Choose an entity' : 'Choose a connection first'}
        data={entities.map((e) => e.name)}
        value={value[entityKey] || null}
        onChange={(name) => {
          clearError(entityKey);
          onChange({ [entityKey]: name ?? '' });
        }}
        disabled={fixed || !chosen}
        readOnly={readOnly}
        required
        error={err(entityKey, 'Entity')}
        data-path={entityKey}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
