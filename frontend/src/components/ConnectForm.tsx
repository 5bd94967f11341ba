import { Badge, Button, Code, Group, Loader, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconArrowRight, IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { ConnectorAuthKind, ConnectorCategory, ConnectorFieldType } from '../gql/graphql';
import {
  buildValues,
  checkValues,
  connectErrors,
  initialValues,
  type FieldSpec,
  type FormValues,
} from '../lib/connectorForm';
import { browserLocation } from '../lib/connectors';
import { ConnectorFieldInput } from './ConnectorFieldInput';
import { ErrorAlert } from './ErrorAlert';

const CreateConnectionMutation = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      id
      name
      status
      lastCheckedAt
    }
  }
`);

const StartConnectionMutation = graphql(`
  mutation StartConnection($input: StartConnectionInput!) {
    startConnection(input: $input) {
      authorizeUrl
    }
  }
`);

const ConnectViewerQuery = graphql(`
  query ConnectViewer {
    viewer {
      user {
        id
        email
      }
    }
  }
`);

/** What the form needs of a Connector. */
export interface ConnectFormConnector {
  slug: string;
  name: string;
  category: ConnectorCategory;
  auth: { kind: ConnectorAuthKind; scopes: string[] };
  fields: FieldSpec[];
  actions: { input: { type: ConnectorFieldType; required: boolean }[] }[];
}

/**
 * Messaging connectors that send email (their actions take a required EMAIL) are
 * checked by a test message to the signed-in user.
 */
export function sendsTestMessage(connector: ConnectFormConnector): boolean {
  return (
    connector.category === 'MESSAGING' &&
    connector.actions.some((a) => a.input.some((f) => f.type === 'EMAIL' && f.required))
  );
}

interface Props {
  workspaceId: string;
  connector: ConnectFormConnector;
  /** Called with the new connection's id (key-based connectors). */
  onConnected: (connectionId: string) => void;
  disabled?: boolean;
}

/** The connect form, generated from the connector's fields. */
export function ConnectForm({ workspaceId, connector, onConnected, disabled }: Props) {
  const oauth = connector.auth.kind === 'OAUTH2';
  const [values, setValues] = useState<FormValues>(() => initialValues(connector.fields));
  const [name, setName] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<CombinedError>();
  const [busy, setBusy] = useState(false);
  const [, createConnection] = useMutation(CreateConnectionMutation);
  const [, startConnection] = useMutation(StartConnectionMutation);
  const testMessage = sendsTestMessage(connector);
  const [{ data: viewer }] = useQuery({ query: ConnectViewerQuery, pause: !testMessage });

  const server = connectErrors(serverError, connector.fields);
  const fieldError = (field: string) => clientErrors[field] ?? server.values[field];

  const change = (field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (clientErrors[field]) setClientErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkValues(connector.fields, values);
    setClientErrors(problems);
    setServerError(undefined);
    if (Object.keys(problems).length > 0) {
      const first = connector.fields.find((f) => problems[f.name]);
      if (first) document.querySelector<HTMLElement>(`[name="${CSS.escape(first.name)}"]`)?.focus();
      return;
    }
    const input = {
      workspaceId,
      connector: connector.slug,
      name: name.trim() || undefined,
      values: buildValues(connector.fields, values),
    };
    setBusy(true);
    if (oauth) {
      const result = await startConnection({ input });
      if (result.data) {
        browserLocation.assign(result.data.startConnection.authorizeUrl);
        return; // Keep the busy state while the browser leaves.
      }
      setServerError(result.error);
      setBusy(false);
      return;
    }
    const result = await createConnection({ input });
    setBusy(false);
    if (result.data) onConnected(result.data.createConnection.id);
    else setServerError(result.error);
  };

  const busyLabel = oauth
    ? `Opening ${connector.name}…`
    : connector.auth.kind === 'NONE'
      ? 'Connecting…'
      : `Checking with ${connector.name}…`;

  return (
    <form onSubmit={submit} noValidate aria-label={`Connect ${connector.name}`}>
      <Stack gap="md">
        {connector.fields.map((field) => (
          <ConnectorFieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={fieldError(field.name)}
            onChange={(v) => change(field.name, v)}
          />
        ))}
        <TextInput
          label="Connection name"
          description={`Optional. Defaults to “${connector.name}”; unique within the workspace.`}
          placeholder={connector.name}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={server.name}
        />
        {oauth && connector.auth.scopes.length > 0 && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Permissions {connector.name} will ask you to grant
            </Text>
            <Group gap={6} aria-label="Scopes" role="list">
              {connector.auth.scopes.map((scope) => (
                <Badge key={scope} variant="outline" color="gray" tt="none" role="listitem">
                  <Code bg="transparent" p={0} fz="xs">
                    {scope}
                  </Code>
                </Badge>
              ))}
            </Group>
          </Stack>
        )}
        <ErrorAlert message={server.form} title="Could not connect" />
        <Stack gap={6}>
          <Button
            type="submit"
            disabled={busy || disabled}
            leftSection={busy ? <Loader size={16} color="gray" /> : oauth ? undefined : <IconPlugConnected size={18} />}
            rightSection={oauth && !busy ? <IconArrowRight size={18} /> : undefined}
            style={{ alignSelf: 'flex-start' }}
          >
            {busy ? busyLabel : oauth ? `Continue to ${connector.name}` : 'Connect'}
          </Button>
          <VisuallyHidden role="status">{busy ? busyLabel : ''}</VisuallyHidden>
          {testMessage && (
            <Text size="sm" c="dimmed">
              We&apos;ll send a test message to {viewer?.viewer.user.email ?? 'you'} to check the settings.
            </Text>
          )}
          {oauth && (
            <Text size="sm" c="dimmed">
              You will sign in at {connector.name} and approve access, then come back here.
            </Text>
          )}
        </Stack>
      </Stack>
    </form>
  );
}
