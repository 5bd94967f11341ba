import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { NotFound } from '../components/NotFound';
import { PageLoader } from '../components/PageLoader';
import { RuleEditor } from '../components/RuleEditor';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';
import { useAgency } from '../lib/agency';
import { canWrite } from '../lib/roles';

const RuleEditorDataQuery = graphql(`
  query RuleEditorData($workspaceId: ID!) {
    triggerEvents {
      type
      derived
      connectors {
        slug
        name
      }
    }
    connectors {
      slug
      name
      category
      actions {
        name
        summary
        marketing
        input {
          ...ConnectorFieldSpec
        }
      }
    }
    connections(workspaceId: $workspaceId) {
      id
      name
      status
      connector {
        slug
        name
      }
    }
  }
`);

const RuleEditorRuleQuery = graphql(`
  query RuleEditorRule($id: ID!) {
    node(id: $id) {
      __typename
      ... on Rule {
        ...RuleEditorFields
      }
    }
  }
`);

/** Refetch the connections when one is added or disconnected elsewhere. */
const DATA_CONTEXT = { additionalTypenames: ['Connection'] };

/** /rules/new and /rules/:ruleId of a workspace. */
export function RuleEditorPage() {
  const { agencyId, role } = useAgency();
  const { workspaceId = '', ruleId } = useParams();
  const { workspace, loaded } = useWorkspace(workspaceId);
  const [{ data, error }] = useQuery({ query: RuleEditorDataQuery, variables: { workspaceId }, context: DATA_CONTEXT });
  const [{ data: ruleData, error: ruleError }] = useQuery({
    query: RuleEditorRuleQuery,
    variables: { id: ruleId ?? '' },
    pause: !ruleId,
  });
  const base = workspacePath(agencyId, workspaceId);
  const rule = ruleData?.node?.__typename === 'Rule' ? ruleData.node : undefined;

  const crumbs = (
    <WorkspaceCrumbs
      items={[
        { label: 'Workspaces', to: `/agencies/${agencyId}` },
        { label: workspace?.name ?? '…', to: base },
        { label: 'Rules', to: `${base}/rules` },
        { label: ruleId ? (rule?.name ?? '…') : 'New rule' },
      ]}
    />
  );

  if (loaded && !workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;
  if (ruleId && ruleData && !rule) return <NotFound message="This rule does not exist or was deleted." />;
  const failed = error ?? ruleError;
  if (!data || (ruleId && !ruleData) || !loaded) {
    return failed ? <ErrorAlert error={failed} /> : <PageLoader />;
  }

  return (
    <>
      {crumbs}
      <RuleEditor
        key={ruleId ?? 'new'}
        workspaceId={workspaceId}
        base={base}
        writable={canWrite(role) && !workspace?.archivedAt}
        rule={rule}
        events={data.triggerEvents}
        connectors={data.connectors}
        connections={data.connections}
      />
    </>
  );
}
