import { Stack, Text } from '@mantine/core';
import { CopyField } from './CopyField';

interface Props {
  url: string;
  provider: string;
  /** The hub registers the URL with the provider itself (OAuth connections such as Shopify). */
  registered?: boolean;
}

/** Where a provider sends a connection's webhooks, to paste into its dashboard. */
export function WebhookUrl({ url, provider, registered }: Props) {
  return (
    <Stack gap={4}>
      <CopyField label="Webhook URL" value={url} />
      <Text size="xs" c="dimmed">
        {registered
          ? `Where ${provider} sends events: Switchboard registered it with ${provider}, nothing to paste.`
          : `Where ${provider} sends events: paste this into ${provider}'s webhook settings.`}
      </Text>
    </Stack>
  );
}
