import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ConnectorCategory } from '../gql/graphql';
import { ConnectorIcon } from './ConnectorIcon';

export interface RecipeCardRecipe {
  slug: string;
  name: string;
  summary: string;
  marketing: boolean;
  needs: { slug: string; name: string; category: ConnectorCategory }[];
}

interface Props {
  recipe: RecipeCardRecipe;
  /** Slugs of the connectors the workspace has an active connection of. */
  connected: ReadonlySet<string>;
  /** The workspace's address, for links into its marketplace. */
  base: string;
  writable: boolean;
  adding: boolean;
  /** Why adding failed, when it did. */
  error?: string;
  onAdd: () => void;
}

/** A built-in rule: what it does, what it needs, and a button that adds it. */
export function RecipeCard({ recipe, connected, base, writable, adding, error, onAdd }: Props) {
  const missing = recipe.needs.find((n) => !connected.has(n.slug));
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={recipe.name} h="100%">
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={4} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {recipe.name}
          </Title>
          {recipe.marketing && (
            <Badge color="orange" variant="light" size="sm" title="Only sent to customers who consented to marketing">
              Marketing
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          {recipe.summary}
        </Text>
        <Group gap="xs" aria-label="Uses" role="list">
          {recipe.needs.map((n) => (
            <Group key={n.slug} gap={4} wrap="nowrap" role="listitem">
              <ConnectorIcon category={n.category} size="md" />
              <Text size="sm">{n.name}</Text>
              {connected.has(n.slug) && <IconCheck size={14} color="var(--mantine-color-teal-6)" aria-label="connected" />}
            </Group>
          ))}
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert" p="xs">
            <Text size="sm">{error}</Text>
            <Anchor component={Link} to={missing ? `${base}/marketplace/${missing.slug}` : `${base}/marketplace`} size="sm">
              {missing ? `Connect ${missing.name}` : 'Open the marketplace'}
            </Anchor>
          </Alert>
        )}
        {writable && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            loading={adding}
            onClick={onAdd}
            aria-label={`Add ${recipe.name}`}
            style={{ alignSelf: 'flex-start' }}
          >
            Add
          </Button>
        )}
      </Stack>
    </Card>
  );
}
