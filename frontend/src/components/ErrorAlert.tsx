import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { CombinedError } from 'urql';
import { errorMessage } from '../lib/errors';

interface Props {
  error?: CombinedError;
  message?: string;
  title?: string;
}

export function ErrorAlert({ error, message, title = 'Error' }: Props) {
  const text = message ?? (error ? errorMessage(error) : undefined);
  if (!text) return null;
  return (
    <Alert color="red" title={title} icon={<IconAlertCircle />} role="alert">
      {text}
    </Alert>
  );
}
