import { Badge, Card, Chip, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ConnectorIcon } from '../components/ConnectorIcon';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { NotFound } from '../components/NotFound';
import { PageHeader } from '../components/PageHeader';
import { SandboxBadge } from '../components/SandboxNote';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import type { ConnectorCategory } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { AUTH_LABELS, CATEGORIES, CATEGORY_LABELS, CATEGORY_SINGULAR, isCategory } from '../lib/connectors';

const MarketplaceCategoriesQuery = graphql(`
  query MarketplaceCategories {
    connectors {
      slug
      category
    }
  }
`);

const MarketplaceQuery = graphql(`
  query Marketplace($category: ConnectorCategory, $search: String) {
    connectors(category: $category, search: $search) {
      slug
      name
      category
      summary
      sandboxUrl
      auth {
        kind
      }
    }
  }
`);

const ALL = 'ALL';

export function MarketplacePage() {
  const { agencyId } = useAgency();
  const { workspaceId = '' } = useParams();
  const { workspace, loaded } = useWorkspace(workspaceId);
  const [params, setParams] = useSearchParams();
  const urlCategory = params.get('category');
  const category: ConnectorCategory | undefined = isCategory(urlCategory) ? urlCategory : undefined;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const base = workspacePath(agencyId, workspaceId);

  // Keep the filters in the address, so "back" from a connector finds them again.
  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const setCategory = (value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === ALL) next.delete('category');
        else next.set('category', value);
        return next;
      },
      { replace: true },
    );

  const [{ data: all }] = useQuery({ query: MarketplaceCategoriesQuery });
  const present = useMemo(() => {
    const found = new Set(all?.connectors.map((c) => c.category));
    return CATEGORIES.filter((c) => found.has(c));
  }, [all]);

  if (loaded && !workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;

  return (
    <>
      <WorkspaceCrumbs
        items={[
          { label: 'Workspaces', to: `/agencies/${agencyId}` },
          { label: workspace?.name ?? '…', to: base },
          { label: 'Marketplace' },
        ]}
      />
      <PageHeader
        title="Marketplace"
        description={`Connect ${workspace?.name ?? 'this workspace'} to its store, carriers, CRM and messaging.`}
      />
      <Stack gap="sm" mb="md">
        <TextInput
          aria-label="Search connectors"
          placeholder="Search connectors"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={100}
          maw={420}
        />
        <Chip.Group multiple={false} value={category ?? ALL} onChange={setCategory}>
            <Group gap={6} role="radiogroup" aria-label="Category">
              <Chip value={ALL} size="sm">
                All
              </Chip>
              {present.map((c) => (
                <Chip key={c} value={c} size="sm">
                  {CATEGORY_LABELS[c]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
      </Stack>
      <ConnectorGrid base={base} category={category} search={debounced} onClear={() => { setSearch(''); setCategory(ALL); }} />
    </>
  );
}

interface GridProps {
  base: string;
  category?: ConnectorCategory;
  search: string;
  onClear: () => void;
}

function ConnectorGrid({ base, category, search, onClear }: GridProps) {
  const [{ data, fetching, error }] = useQuery({
    query: MarketplaceQuery,
    variables: { category, search: search || undefined },
  });
  if (error && !data) return <ErrorAlert error={error} />;
  if (!data) {
    return (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={132} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  if (data.connectors.length === 0) {
    return (
      <EmptyState
        title="No connectors match"
        description={
          <>
            Nothing {category ? `in ${CATEGORY_LABELS[category]} ` : ''}matches
            {search ? ` “${search}”` : ''}.{' '}
            <Text component="button" type="button" c="indigo" onClick={onClear} bd={0} bg="none" p={0} style={{ cursor: 'pointer' }}>
              Show every connector
            </Text>
          </>
        }
      />
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-label="Connectors" role="list" style={{ opacity: fetching ? 0.6 : 1 }}>
      {data.connectors.map((c) => (
        <div role="listitem" key={c.slug}>
          <Card
            component={Link}
            to={`${base}/marketplace/${c.slug}`}
            withBorder
            radius="md"
            padding="md"
            h="100%"
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ConnectorIcon category={c.category} />
              <Stack gap={4} miw={0}>
                <Title order={3} size="h5">
                  {c.name}
                </Title>
                <Text size="sm" c="dimmed" lineClamp={3}>
                  {c.summary}
                </Text>
                <Group gap={6} mt={4}>
                  <Badge variant="light" color="gray" size="sm">
                    {CATEGORY_SINGULAR[c.category]}
                  </Badge>
                  <Badge variant="light" size="sm">
                    {AUTH_LABELS[c.auth.kind]}
                  </Badge>
                  {c.sandboxUrl && (
                    <SandboxBadge
                      size="sm"
                      title={c.slug === 'smtp' ? 'A sandbox mail server in this hub to try it with' : `This hub emulates ${c.name}`}
                    />
                  )}
                </Group>
              </Stack>
            </Group>
          </Card>
        </div>
      ))}
    </SimpleGrid>
  );
}
