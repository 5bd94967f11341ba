import { ActionIcon, Anchor, Badge, Button, Group, Menu, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconDots, IconPencil, IconPlus, IconRestore, IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { DateTime } from '../components/DateTime';
import { DataList, DataListBody, ListCard, useDataListLayout, type Column } from '../components/DataList';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { EmptyRow, Pages, PageStatusRow, type PageProps } from '../components/Pages';
import { WorkspaceNameModal } from '../components/WorkspaceNameModal';
import { graphql } from '../gql';
import type { WorkspaceRowFragment } from '../gql/graphql';
import { useAgency } from '../lib/agency';
import { errorMessage } from '../lib/errors';
import { canManage } from '../lib/roles';

graphql(`
  fragment WorkspaceRow on Workspace {
    id
    name
    createdAt
    archivedAt
  }
`);

const WorkspacesQuery = graphql(`
  query Workspaces($agencyId: ID!, $after: String, $search: String, $includeArchived: Boolean) {
    workspaces(agencyId: $agencyId, first: 20, after: $after, search: $search, includeArchived: $includeArchived) {
      totalCount
      edges {
        node {
          ...WorkspaceRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateWorkspaceMutation = graphql(`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      ...WorkspaceRow
    }
  }
`);

const RenameWorkspaceMutation = graphql(`
  mutation RenameWorkspace($input: RenameWorkspaceInput!) {
    renameWorkspace(input: $input) {
      ...WorkspaceRow
    }
  }
`);

const ArchiveWorkspaceMutation = graphql(`
  mutation ArchiveWorkspace($id: ID!) {
    archiveWorkspace(id: $id) {
      ...WorkspaceRow
    }
  }
`);

const RestoreWorkspaceMutation = graphql(`
  mutation RestoreWorkspace($id: ID!) {
    restoreWorkspace(id: $id) {
      ...WorkspaceRow
    }
  }
`);

/** Lets an empty list refetch when a workspace is created. */
const LIST_CONTEXT = { additionalTypenames: ['Workspace'] };
const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Created' },
  { label: 'Status' },
  { label: 'Actions', hidden: true, w: 60 },
];

type Editing = { mode: 'create' } | { mode: 'rename'; workspace: WorkspaceRowFragment };

export function WorkspacesPage() {
  const { agencyId, agencyName, role } = useAgency();
  const manage = canManage(role);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);

  const [, createWorkspace] = useMutation(CreateWorkspaceMutation);
  const [, renameWorkspace] = useMutation(RenameWorkspaceMutation);
  const [, archiveWorkspace] = useMutation(ArchiveWorkspaceMutation);
  const [, restoreWorkspace] = useMutation(RestoreWorkspaceMutation);

  const restore = async (workspace: WorkspaceRowFragment) => {
    const { error } = await restoreWorkspace({ id: workspace.id });
    notify(error, `“${workspace.name}” restored.`);
  };

  const archive = async (workspace: WorkspaceRowFragment) => {
    const { error } = await archiveWorkspace({ id: workspace.id });
    if (error) return notify(error);
    const id = notifications.show({
      color: 'teal',
      title: 'Workspace archived',
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">“{workspace.name}” is now read-only.</Text>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              notifications.hide(id);
              void restore(workspace);
            }}
          >
            Undo
          </Button>
        </Group>
      ),
    });
  };

  const submitName = async (name: string) => {
    if (editing?.mode === 'rename') {
      const { error } = await renameWorkspace({ input: { id: editing.workspace.id, name } });
      if (!error) notify(undefined, `Renamed to “${name}”.`);
      return error;
    }
    const { error } = await createWorkspace({ input: { agencyId, name } });
    if (!error) notify(undefined, `Workspace “${name}” created.`);
    return error;
  };

  const openCreate = () => setEditing({ mode: 'create' });
  const filtered = debouncedSearch !== '' || includeArchived;

  return (
    <>
      <PageHeader
        title="Workspaces"
        description={`${agencyName} · one workspace per client store`}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
              Create workspace
            </Button>
          )
        }
      />
      <Group mb="md" gap="md">
        <TextInput
          aria-label="Search workspaces"
          placeholder="Search workspaces"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200, maxWidth: 360 }}
        />
        <Switch
          label="Include archived"
          checked={includeArchived}
          onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
        />
      </Group>
      <DataList label="Workspaces" columns={COLUMNS} minWidth={560} highlightOnHover>
        <Pages
          key={`${debouncedSearch}|${includeArchived}`}
          render={(page) => (
            <WorkspaceRows
              {...page}
              variables={{ agencyId, search: debouncedSearch || undefined, includeArchived }}
              empty={
                filtered ? (
                  <EmptyState title="No workspaces match" description="Try another search or include archived ones." />
                ) : (
                  <EmptyState
                    title="No workspaces yet"
                    description="A workspace holds everything for one client store: its connections, data and access. Create one per client store you manage."
                    action={
                      manage && (
                        <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                          Create your first workspace
                        </Button>
                      )
                    }
                  />
                )
              }
              actions={
                manage
                  ? (workspace) => (
                      <WorkspaceActions
                        workspace={workspace}
                        onRename={() => setEditing({ mode: 'rename', workspace })}
                        onArchive={() => archive(workspace)}
                        onRestore={() => restore(workspace)}
                      />
                    )
                  : undefined
              }
            />
          )}
        />
      </DataList>
      {editing && (
        <WorkspaceNameModal
          key={editing.mode === 'rename' ? editing.workspace.id : 'create'}
          opened
          title={editing.mode === 'rename' ? 'Rename workspace' : 'Create workspace'}
          submitLabel={editing.mode === 'rename' ? 'Rename' : 'Create'}
          initialName={editing.mode === 'rename' ? editing.workspace.name : ''}
          onSubmit={submitName}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function notify(error: CombinedError | undefined, success?: string) {
  if (error) notifications.show({ color: 'red', title: 'Action failed', message: errorMessage(error) });
  else if (success) notifications.show({ color: 'teal', message: success });
}

interface RowsProps extends PageProps {
  variables: { agencyId: string; search?: string; includeArchived: boolean };
  empty: ReactNode;
  actions?: (workspace: WorkspaceRowFragment) => ReactNode;
}

function WorkspaceRows({ variables, empty, actions, ...page }: RowsProps) {
  const { cards } = useDataListLayout();
  const [{ data, fetching, error }] = useQuery({
    query: WorkspacesQuery,
    variables: { ...variables, after: page.after },
    context: LIST_CONTEXT,
  });
  const connection = data?.workspaces;
  return (
    <DataListBody>
      {page.after === null && connection?.totalCount === 0 && <EmptyRow colSpan={COLUMNS.length}>{empty}</EmptyRow>}
      {connection?.edges.map(({ node }) =>
        cards ? (
          <ListCard
            key={node.id}
            label={node.name}
            title={<WorkspaceLink workspace={node} agencyId={variables.agencyId} />}
            badges={<StatusBadge workspace={node} />}
            facts={[{ label: 'Created', value: <DateTime value={node.createdAt} /> }]}
            actions={actions?.(node)}
          />
        ) : (
          <Table.Tr key={node.id}>
            <Table.Td fw={500}>
              <WorkspaceLink workspace={node} agencyId={variables.agencyId} />
            </Table.Td>
            <Table.Td>
              <DateTime value={node.createdAt} />
            </Table.Td>
            <Table.Td>
              <StatusBadge workspace={node} />
            </Table.Td>
            <Table.Td>{actions?.(node)}</Table.Td>
          </Table.Tr>
        ),
      )}
      <PageStatusRow
        {...page}
        colSpan={COLUMNS.length}
        fetching={fetching}
        error={error}
        pageInfo={connection?.pageInfo}
      />
    </DataListBody>
  );
}

function WorkspaceLink({ workspace, agencyId }: { workspace: WorkspaceRowFragment; agencyId: string }) {
  return (
    <Anchor component={Link} to={`/agencies/${agencyId}/workspaces/${workspace.id}`} fw="inherit" c="inherit" underline="hover">
      {workspace.name}
    </Anchor>
  );
}

function StatusBadge({ workspace }: { workspace: WorkspaceRowFragment }) {
  return workspace.archivedAt ? (
    <Badge color="gray" variant="light">
      Archived
    </Badge>
  ) : (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  );
}

interface ActionsProps {
  workspace: WorkspaceRowFragment;
  onRename: () => void;
  onArchive: () => void;
  onRestore: () => void;
}

function WorkspaceActions({ workspace, onRename, onArchive, onRestore }: ActionsProps) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${workspace.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {workspace.archivedAt ? (
          <Menu.Item leftSection={<IconRestore size={16} />} onClick={onRestore}>
            Restore
          </Menu.Item>
        ) : (
          <>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={onRename}>
              Rename
            </Menu.Item>
            <Menu.Item leftSection={<IconArchive size={16} />} color="red" onClick={onArchive}>
              Archive
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
