import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Widest the card gets, in px; wider for pages with more to choose from. */
  width?: number;
}

/** Centered card for the signed-out pages. */
export function AuthLayout({ title, subtitle, children, width = 420 }: Props) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={width} gap="lg">
        <Stack gap={4} align="center">
          <Text fw={700} c="indigo" size="lg">
            Switchboard
          </Text>
          <Title order={1} size="h2" ta="center">
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" ta="center">
              {subtitle}
            </Text>
          )}
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
