import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  description: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, description, action }: Props) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <Title order={3}>{title}</Title>
      <Text c="dimmed" maw={460}>
        {description}
      </Text>
      {action}
    </Stack>
  );
}
