import { Badge, Box, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconFlask, IconPlugConnectedX, IconPlugConnected } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ConnectionRowFragment } from '../gql/graphql';
import { STATUS_LOOK } from '../lib/connectors';
import { ConnectorIcon } from './ConnectorIcon';
import { DateTime } from './DateTime';
import { WebhookUrl } from './WebhookUrl';

interface Props {
  connection: ConnectionRowFragment;
  highlighted: boolean;
  /** Omitted for people who cannot change connections. */
  actions?: {
    testing: boolean;
    onTest: () => void;
    onDisconnect: () => void;
    reconnectTo: string;
  };
}

export function ConnectionStatusBadge({ status }: { status: ConnectionRowFragment['status'] }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}

/**
 * What the connection is connected to, e.g. the shop domain or the mail host:
 * its first non-secret value (values follow the connector's fields, most telling first).
 */
export function accountOf(c: Pick<ConnectionRowFragment, 'values'>): string | undefined {
  return c.values.find((v) => v.value)?.value ?? undefined;
}

/** One connection of a workspace: what it connects, whether it works, and what to do about it. */
export function ConnectionCard({ connection: c, highlighted, actions }: Props) {
  const disabled = c.status === 'DISABLED';
  const problem = (c.status === 'ERROR' || c.status === 'NEEDS_REAUTH') && c.lastError;
  const subtitle = [c.connector.name !== c.name && c.connector.name, accountOf(c)].filter(Boolean).join(' · ');
  return (
    <Card
      component="article"
      withBorder
      radius="md"
      padding="md"
      aria-label={c.name}
      data-highlighted={highlighted || undefined}
      bg={highlighted ? 'yellow.0' : undefined}
      style={{
        transition: 'background-color 1.5s ease, border-color 1.5s ease',
        borderColor: highlighted ? 'var(--mantine-color-yellow-5)' : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ConnectorIcon category={c.connector.category} />
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }} c={disabled ? 'dimmed' : undefined}>
            {c.name}
          </Text>
          {subtitle && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {subtitle}
            </Text>
          )}
          <Group gap={6} mt={2}>
            <ConnectionStatusBadge status={c.status} />
            {c.sandbox && (
              <Badge color="grape" variant="outline">
                Sandbox
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>
      {problem && (
        <Box
          mt="sm"
          p="xs"
          bg={c.status === 'ERROR' ? 'red.0' : 'orange.0'}
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        >
          <Text size="sm" c={c.status === 'ERROR' ? 'red.8' : 'orange.9'} style={{ overflowWrap: 'anywhere' }}>
            {c.lastError}
          </Text>
        </Box>
      )}
      {c.webhookUrl && !disabled && (
        <Box mt="sm">
          <WebhookUrl url={c.webhookUrl} provider={c.connector.name} registered={c.connector.auth.kind === 'OAUTH2'} />
        </Box>
      )}
      <Group justify="space-between" align="center" mt="sm" gap="xs">
        <Text size="sm" c="dimmed">
          {c.lastCheckedAt ? (
            <>
              Last checked <DateTime value={c.lastCheckedAt} />
            </>
          ) : (
            'Not checked yet'
          )}
        </Text>
        {actions && (
          <Group gap="xs">
            {disabled ? (
              <Button
                size="xs"
                variant="light"
                component={Link}
                to={actions.reconnectTo}
                leftSection={<IconPlugConnected size={14} />}
              >
                Connect again
              </Button>
            ) : (
              <>
                <Button
                  size="xs"
                  variant="default"
                  loading={actions.testing}
                  leftSection={<IconFlask size={14} />}
                  onClick={actions.onTest}
                  aria-label={`Test ${c.name}`}
                >
                  Test
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconPlugConnectedX size={14} />}
                  onClick={actions.onDisconnect}
                  aria-label={`Disconnect ${c.name}`}
                >
                  Disconnect
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>
    </Card>
  );
}
