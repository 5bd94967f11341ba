import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useAgency } from '../lib/agency';
import { useLiveStatus } from '../lib/live';
import { canWrite } from '../lib/roles';
import { ErrorAlert } from './ErrorAlert';
import { LiveIndicator } from './LiveIndicator';
import { NotFound } from './NotFound';
import { PageHeader } from './PageHeader';
import { PageLoader } from './PageLoader';
import { useWorkspace, WorkspaceCrumbs, workspacePath } from './WorkspaceCrumbs';
import { WorkspaceTabs, type WorkspaceTab } from './WorkspaceTabs';

export interface SectionContext {
  agencyId: string;
  workspaceId: string;
  /** The workspace's address, e.g. for links to its marketplace. */
  base: string;
  /** The viewer may change things here (not a viewer, workspace not archived). */
  writable: boolean;
}

interface Props {
  tab: WorkspaceTab;
  title: string;
  description: string;
  /** The section follows a subscription: show whether it is live. */
  live?: boolean;
  children: (context: SectionContext) => ReactNode;
}

/** A tab of a workspace page: the way back, the workspace's name, the tabs, then the section. */
export function WorkspaceSection({ tab, title, description, live, children }: Props) {
  const { agencyId, role } = useAgency();
  const { workspaceId = '' } = useParams();
  const { workspace, loaded, error } = useWorkspace(workspaceId);
  const status = useLiveStatus();

  if (!loaded) return error ? <ErrorAlert error={error} /> : <PageLoader />;
  if (!workspace) return <NotFound message="This workspace does not exist or you cannot see it." />;
  const base = workspacePath(agencyId, workspaceId);

  return (
    <>
      <WorkspaceCrumbs
        items={[
          { label: 'Workspaces', to: `/agencies/${agencyId}` },
          { label: workspace.name, to: base },
          { label: title },
        ]}
      />
      <PageHeader
        title={workspace.name}
        description={
          workspace.archivedAt ? (
            <Badge color="gray" variant="light" component="span">
              Archived — read-only
            </Badge>
          ) : (
            description
          )
        }
        actions={live && <LiveIndicator status={status} />}
      />
      <WorkspaceTabs agencyId={agencyId} workspaceId={workspaceId} active={tab} />
      {children({ agencyId, workspaceId, base, writable: canWrite(role) && !workspace.archivedAt })}
    </>
  );
}
