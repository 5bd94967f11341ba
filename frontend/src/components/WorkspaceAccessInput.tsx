import { MultiSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { hasWorkspaceScope } from '../lib/roles';

const WorkspaceOptionsQuery = graphql(`
  query WorkspaceOptions($agencyId: ID!) {
    workspaces(agencyId: $agencyId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export interface WorkspaceAccess {
  all: boolean;
  ids: string[];
}

/** The `workspaceIds` argument: omitted means every workspace. */
export function workspaceIdsFor(role: Role, access: WorkspaceAccess): string[] | undefined {
  return hasWorkspaceScope(role) && !access.all ? access.ids : undefined;
}

/** Client-side check: "specific workspaces" with none chosen would mean all of them. */
export function workspaceAccessError(role: Role, access: WorkspaceAccess): string | undefined {
  return hasWorkspaceScope(role) && !access.all && access.ids.length === 0
    ? 'Choose at least one workspace.'
    : undefined;
}

/** Active workspaces of the agency as Select options (the first 100). */
export function useWorkspaceOptions(agencyId: string) {
  const [{ data, fetching }] = useQuery({ query: WorkspaceOptionsQuery, variables: { agencyId } });
  const options = data?.workspaces.edges.map(({ node }) => ({ value: node.id, label: node.name })) ?? [];
  return { options, fetching };
}

interface Props {
  agencyId: string;
  role: Role;
  value: WorkspaceAccess;
  onChange: (value: WorkspaceAccess) => void;
  error?: string;
}

/** "All workspaces" or a chosen set; only shown for members and viewers. */
export function WorkspaceAccessInput({ agencyId, role, value, onChange, error }: Props) {
  const { options, fetching } = useWorkspaceOptions(agencyId);
  if (!hasWorkspaceScope(role)) {
    return (
      <Text size="sm" c="dimmed">
        Owners and admins can reach every workspace.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="workspace-access-label">
        Workspace access
      </Text>
      <SegmentedControl
        aria-labelledby="workspace-access-label"
        data={[
          { value: 'all', label: 'All workspaces' },
          { value: 'some', label: 'Specific workspaces' },
        ]}
        value={value.all ? 'all' : 'some'}
        onChange={(v) => onChange({ ...value, all: v === 'all' })}
      />
      {!value.all && (
        <MultiSelect
          label="Workspaces"
          placeholder={fetching ? 'Loading…' : 'Choose workspaces'}
          data={options}
          value={value.ids}
          onChange={(ids) => onChange({ ...value, ids })}
          searchable
          error={error}
          nothingFoundMessage="No workspaces"
        />
      )}
    </Stack>
  );
}
