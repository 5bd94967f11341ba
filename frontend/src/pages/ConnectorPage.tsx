import { Alert, Anchor, Badge, Card, Code, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconExternalLink, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ConnectForm } from '../components/ConnectForm';
import { ConnectorIcon } from '../components/ConnectorIcon';
import { ErrorAlert } from '../components/ErrorAlert';
import { Facts } from '../components/Facts';
import { NotFound } from '../components/NotFound';
import { PageLoader } from '../components/PageLoader';
import { SandboxNote } from '../components/SandboxNote';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
import { AUTH_LABELS, CATEGORY_SINGULAR, describeBudget } from '../lib/connectors';
import { canWrite } from '../lib/roles';

graphql(`
  fragment ConnectorFieldSpec on ConnectorField {
    name
    label
    type
    required
    help
    pattern
    patternHelp
    options
    default
    min
    max
    maxLength
  }
`);

const ConnectorQuery = graphql(`
  query Connector($slug: String!) {
    connector(slug: $slug) {
      slug
      name
      category
      summary
      docsUrl
      apiVersion
      sandboxUrl
      auth {
        kind
        scopes
      }
      fields {
        ...ConnectorFieldSpec
      }
      events {
        type
        summary
      }
      actions {
        name
        summary
        marketing
        input {
          name
          type
          required
        }
      }
      entities {
        name
        read
        write
      }
      rateBudget {
        requests
        perSeconds
        costPoints
        restorePerSecond
        note
      }
    }
  }
`);

export function ConnectorPage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '', slug = '' } = useParams();
  const navigate = useNavigate();
  const { workspace, loaded: workspaceLoaded } = useWorkspace(workspaceId);
  const [{ data, fetching, error }] = useQuery({ query: ConnectorQuery, variables: { slug } });
  const base = workspacePath(agencyId, workspaceId);

  if (!data) return fetching ? <PageLoader /> : <ErrorAlert error={error} />;
  if (workspaceLoaded && !workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;
  const connector = data.connector;
  if (!connector) return <NotFound message={`There is no connector “${slug}” in the marketplace.`} />;
  const writable = canWrite(role) && !workspace?.archivedAt;
  const budget = describeBudget(connector.rateBudget);

  return (
    <>
      <WorkspaceCrumbs
        items={[
          { label: 'Workspaces', to: `/agencies/${agencyId}` },
          { label: workspace?.name ?? '…', to: base },
          { label: 'Marketplace', to: `${base}/marketplace` },
          { label: connector.name },
        ]}
      />
      <Group align="flex-start" wrap="nowrap" gap="md" mb="lg">
        <ConnectorIcon category={connector.category} size="xl" />
        <Stack gap={6} miw={0}>
          <Title order={2}>{connector.name}</Title>
          <Text c="dimmed">{connector.summary}</Text>
          <Group gap={6}>
            <Badge variant="light" color="gray">
              {CATEGORY_SINGULAR[connector.category]}
            </Badge>
            <Badge variant="light">{AUTH_LABELS[connector.auth.kind]}</Badge>
          </Group>
        </Stack>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Card withBorder radius="md" padding="lg">
            <Title order={3} size="h4" mb="xs">
              Connect {connector.name}
            </Title>
            <SandboxNote connector={connector} />
            {writable ? (
              <ConnectForm
                key={connector.slug}
                workspaceId={workspaceId}
                connector={connector}
                onConnected={(id) => void navigate(`${base}/connections?connected=${encodeURIComponent(id)}`)}
              />
            ) : (
              <Alert color="gray" icon={<IconInfoCircle />}>
                {workspace?.archivedAt
                  ? 'This workspace is archived. Restore it to add connections.'
                  : 'Viewers cannot add connections. Ask an admin or member.'}
              </Alert>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Section title="About">
              <Facts
                rows={[
                  ['API version', connector.apiVersion],
                  [
                    'Documentation',
                    <Anchor key="d" href={connector.docsUrl} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {connector.docsUrl.replace(/^https?:\/\//, '')}{' '}
                      <IconExternalLink size={14} style={{ verticalAlign: 'middle' }} aria-label="(opens in a new tab)" />
                    </Anchor>,
                  ],
                  ['Rate budget', budget.length ? budget.map((b) => <div key={b}>{b}</div>) : 'Not limited'],
                ]}
              />
            </Section>
            <Section title="Triggers" description="Events rules can start from.">
              {connector.events.length === 0 ? (
                <None>This connector emits no events.</None>
              ) : (
                <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {connector.events.map((e) => (
                    <Group key={e.type} component="li" gap="xs" wrap="wrap" align="baseline">
                      <Code>{e.type}</Code>
                      <Text size="sm">{e.summary}</Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Section>
            <Section title="Actions" description="What rules can do with it.">
              {connector.actions.length === 0 ? (
                <None>This connector has no actions.</None>
              ) : (
                <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {connector.actions.map((a) => (
                    <Group key={a.name} component="li" gap="xs" wrap="wrap" align="baseline">
                      <Code>{a.name}</Code>
                      <Text size="sm">{a.summary}</Text>
                      {a.marketing && (
                        <Badge color="orange" variant="light" size="sm" title="Only sent to customers who consented to marketing">
                          Marketing — needs consent
                        </Badge>
                      )}
                    </Group>
                  ))}
                </Stack>
              )}
            </Section>
            <Section title="Syncs" description="Records syncs can read or write.">
              {connector.entities.length === 0 ? (
                <None>This connector syncs no records.</None>
              ) : (
                <Table aria-label="Syncs" withTableBorder={false} verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Entity</Table.Th>
                      <Table.Th>Read</Table.Th>
                      <Table.Th>Write</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {connector.entities.map((e) => (
                      <Table.Tr key={e.name}>
                        <Table.Td>
                          <Code>{e.name}</Code>
                        </Table.Td>
                        <Table.Td>{yesNo(e.read)}</Table.Td>
                        <Table.Td>{yesNo(e.write)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function yesNo(on: boolean) {
  return on ? (
    <Badge color="teal" variant="light" size="sm">
      Yes
    </Badge>
  ) : (
    <Text size="sm" c="dimmed">
      No
    </Text>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      {children}
    </section>
  );
}

function None({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
