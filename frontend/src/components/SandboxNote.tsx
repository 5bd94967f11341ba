import { Anchor, Badge, Box, Text, type BadgeProps } from '@mantine/core';
import { IconExternalLink, IconFlask } from '@tabler/icons-react';
import type { ConnectorAuthKind } from '../gql/graphql';

/** What the note needs of a Connector. */
export interface SandboxNoteConnector {
  slug: string;
  name: string;
  auth: { kind: ConnectorAuthKind };
  sandboxUrl?: string | null;
}

/** The address without its scheme, for showing. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/**
 * Says that the hub emulates the connector's provider (sandbox mode): where
 * consent happens for OAuth connectors, and where the sandbox mail server is
 * for SMTP. Nothing when the connector talks to the real provider.
 */
export function SandboxNote({ connector }: { connector: SandboxNoteConnector }) {
  const url = connector.sandboxUrl;
  if (!url) return null;
  let message;
  if (connector.slug === 'smtp') {
    message = (
      <>
        Try it without a mail account: the sandbox mail server&apos;s settings and inbox are at{' '}
        <Anchor href={url} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
          {shortUrl(url)}
          <IconExternalLink size={14} style={{ verticalAlign: 'middle', marginLeft: 2 }} aria-label="(opens in a new tab)" />
        </Anchor>
        .
      </>
    );
  } else if (connector.auth.kind === 'OAUTH2') {
    message = `This hub runs in sandbox mode: you will consent on ${connector.name}'s sandbox, not the real ${connector.name}.`;
  } else {
    message = `This hub runs in sandbox mode: ${connector.name} is emulated by the hub, not the real ${connector.name}.`;
  }
  return (
    <Box
      role="note"
      aria-label="Sandbox"
      mb="md"
      px="sm"
      py="xs"
      bg="grape.0"
      bd="1px solid var(--mantine-color-grape-2)"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Text size="sm" lh={1.55}>
        <SandboxBadge size="sm" mr={6} leftSection={<IconFlask size={12} />} style={{ verticalAlign: 'text-bottom' }} />
        {message}
      </Text>
    </Box>
  );
}

/** The badge of something that talks to the hub's emulator of its provider. */
export function SandboxBadge(props: BadgeProps & { title?: string }) {
  return (
    <Badge color="grape" variant="outline" {...props}>
      Sandbox
    </Badge>
  );
}
