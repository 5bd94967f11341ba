import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import type { CombinedError } from 'urql';
import { errorMessage } from '../lib/errors';

interface Props {
  error?: CombinedError;
  message?: string;
  title?: string;
  /** When set, the alert offers "Try again" (a failed load). */
  onRetry?: () => void;
}

export function ErrorAlert({ error, message, title = 'Error', onRetry }: Props) {
  const text = message ?? (error ? errorMessage(error) : undefined);
  if (!text) return null;
  return (
    <Alert color="red" title={title} icon={<IconAlertCircle />} role="alert">
      {onRetry ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{text}</Text>
          <Button size="compact-sm" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            Try again
          </Button>
        </Stack>
      ) : (
        text
      )}
    </Alert>
  );
}
