import { Anchor, Box, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const WorkspaceQuery = graphql(`
  query WorkspaceHeader($id: ID!) {
    workspace(id: $id) {
      id
      name
      archivedAt
      timeZone
    }
  }
`);

/** The workspace of a /workspaces/:workspaceId page (cached across its pages). */
export function useWorkspace(id: string) {
  const [{ data, fetching, error }] = useQuery({ query: WorkspaceQuery, variables: { id } });
  return { workspace: data?.workspace, loaded: data !== undefined, fetching, error };
}

export interface Crumb {
  label: string;
  /** Omitted for the current page. */
  to?: string;
}

/** Workspaces › <name> › Marketplace › <Connector>: the way back up from a workspace's pages. */
export function WorkspaceCrumbs({ items }: { items: Crumb[] }) {
  return (
    <Box component="nav" aria-label="Breadcrumb" mb="sm">
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap', rowGap: 4 }}>
        {items.map((item) =>
          item.to ? (
            <Anchor key={item.label} component={Link} to={item.to} size="sm">
              {item.label}
            </Anchor>
          ) : (
            <Text key={item.label} size="sm" c="dimmed" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
              {item.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </Box>
  );
}

export function workspacePath(agencyId: string, workspaceId: string): string {
  return `/agencies/${agencyId}/workspaces/${workspaceId}`;
}
