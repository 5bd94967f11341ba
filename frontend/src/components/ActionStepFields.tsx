import { Badge, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { fieldMessage } from '../lib/connectorForm';
import type { ActionDraft } from '../lib/ruleSteps';
import { findAction, useRuleEditor, type EditorConnection } from './RuleEditorContext';
import { TemplateInput } from './TemplateInput';

interface Props {
  path: string;
  action: ActionDraft;
  onChange: (action: ActionDraft) => void;
}

function connectionLabel(c: EditorConnection): string {
  const name = c.name === c.connector.name ? c.name : `${c.name} (${c.connector.name})`;
  return c.status === 'ACTIVE' ? name : `${name} — ${c.status.toLowerCase().replace('_', ' ')}`;
}

/** An action step: which connection does it, which of its connector's actions, and the action's inputs as templates. */
export function ActionStepFields({ path, action, onChange }: Props) {
  const { connectors, connections, errors, clearError, readOnly } = useRuleEditor();
  const usable = connections.filter((c) => connectors.some((k) => k.slug === c.connector.slug && k.actions.length > 0));
  const connector = connectors.find((k) => k.slug === action.connector);
  const spec = findAction(connectors, action.connector, action.action);
  const gone = action.connectionId !== '' && !usable.some((c) => c.id === action.connectionId);

  const chooseConnection = (id: string | null) => {
    clearError(`${path}.action`);
    const chosen = usable.find((c) => c.id === id);
    if (!chosen) return onChange({ ...action, connectionId: '' });
    if (chosen.connector.slug === action.connector) return onChange({ ...action, connectionId: chosen.id });
    const actions = connectors.find((k) => k.slug === chosen.connector.slug)?.actions ?? [];
    onChange({
      connector: chosen.connector.slug,
      action: actions.length === 1 ? actions[0].name : '',
      connectionId: chosen.id,
      input: {},
    });
  };

  const chooseAction = (name: string | null) => {
    clearError(`${path}.action.action`);
    const next = findAction(connectors, action.connector, name ?? '');
    // Keep what was typed into inputs the new action also has.
    const input: Record<string, string> = {};
    for (const f of next?.input ?? []) if (action.input[f.name]) input[f.name] = action.input[f.name];
    onChange({ ...action, action: name ?? '', input });
  };

  const connectionError = errors[`${path}.action.connectionId`];
  const actionError = errors[`${path}.action.action`];

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Connection"
          placeholder={usable.length ? 'Choose a connection' : 'No connection can run actions yet'}
          description={
            gone
              ? 'The connection this step used is gone: choose another.'
              : usable.length === 0
                ? 'Connect a messaging, CRM or store connector to this workspace first.'
                : undefined
          }
          data={usable.map((c) => ({ value: c.id, label: connectionLabel(c) }))}
          value={gone ? null : action.connectionId || null}
          onChange={chooseConnection}
          error={connectionError && fieldMessage('Connection', connectionError)}
          name={`${path}.action.connectionId`}
          data-path={`${path}.action.connectionId`}
          required
          readOnly={readOnly}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Action"
          placeholder={connector ? 'Choose an action' : 'Choose a connection first'}
          data={(connector?.actions ?? []).map((a) => ({ value: a.name, label: a.summary }))}
          value={action.action || null}
          onChange={chooseAction}
          error={actionError && fieldMessage('Action', actionError)}
          name={`${path}.action.action`}
          data-path={`${path}.action.action`}
          disabled={!connector}
          required
          readOnly={readOnly}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {spec?.marketing && (
        <Group gap={6}>
          <Badge color="orange" variant="light" size="sm">
            Needs consent in marketing rules
          </Badge>
          <Text size="xs" c="dimmed">
            In a marketing rule this is only sent to customers who consented.
          </Text>
        </Group>
      )}
      {spec?.input.map((field) => (
        <TemplateInput
          key={field.name}
          path={`${path}.action.input.${field.name}`}
          field={field}
          actionName={spec.name}
          value={action.input[field.name] ?? ''}
          onChange={(value) => onChange({ ...action, input: { ...action.input, [field.name]: value } })}
        />
      ))}
    </Stack>
  );
}
