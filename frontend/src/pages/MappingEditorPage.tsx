import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { MappingEditor } from '../components/MappingEditor';
import { NotFound } from '../components/NotFound';
import { PageLoader } from '../components/PageLoader';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
import { canWrite } from '../lib/roles';

graphql(`
  fragment MappingEntityField on ConnectorField {
    name
    label
    type
    required
  }
`);

graphql(`
  fragment MappingConnection on Connection {
    id
    name
    status
    connector {
      slug
      name
      entities {
        name
        read
        write
        fields {
          ...MappingEntityField
        }
      }
    }
  }
`);

const MappingEditorDataQuery = graphql(`
  query MappingEditorData($workspaceId: ID!) {
    connections(workspaceId: $workspaceId) {
      ...MappingConnection
    }
  }
`);

const MappingEditorMappingsQuery = graphql(`
  query MappingEditorMappings($workspaceId: ID!) {
    mappings(workspaceId: $workspaceId) {
      ...MappingEditorFields
    }
  }
`);

/** Refetch the connections when one is added or disconnected elsewhere. */
const DATA_CONTEXT = { additionalTypenames: ['Connection'] };

/** /syncs/mappings/new and /syncs/mappings/:mappingId of a workspace. */
export function MappingEditorPage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '', mappingId } = useParams();
  const { workspace, loaded } = useWorkspace(workspaceId);
  const [{ data, error }] = useQuery({ query: MappingEditorDataQuery, variables: { workspaceId }, context: DATA_CONTEXT });
  const [{ data: mappingsData, error: mappingsError }] = useQuery({
    query: MappingEditorMappingsQuery,
    variables: { workspaceId },
    pause: !mappingId,
    requestPolicy: 'cache-and-network',
  });
  const base = workspacePath(agencyId, workspaceId);
  const mapping = mappingsData?.mappings.find((m) => m.id === mappingId);

  const crumbs = (
    <WorkspaceCrumbs
      items={[
        { label: 'Workspaces', to: `/agencies/${agencyId}` },
        { label: workspace?.name ?? '…', to: base },
        { label: 'Syncs', to: `${base}/syncs` },
        { label: mappingId ? (mapping?.name ?? '…') : 'New mapping' },
      ]}
    />
  );

  if (loaded && !workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;
  if (mappingId && mappingsData && !mapping) return <NotFound message="This mapping does not exist or was deleted." />;
  const failed = error ?? mappingsError;
  if (!data || (mappingId && !mappingsData) || !loaded) {
    return failed ? <ErrorAlert error={failed} /> : <PageLoader />;
  }

  return (
    <>
      {crumbs}
      <MappingEditor
        key={mappingId ?? 'new'}
        workspaceId={workspaceId}
        base={base}
        writable={canWrite(role) && !workspace?.archivedAt}
        mapping={mapping}
        connections={data.connections}
      />
    </>
  );
}
