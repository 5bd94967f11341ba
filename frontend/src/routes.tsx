import type { RouteObject } from 'react-router';
import { AgencyShell } from './components/AgencyShell';
import { AuditPage } from './pages/AuditPage';
import { ConnectorPage } from './pages/ConnectorPage';
import { HomePage } from './pages/HomePage';
import { InstallPage } from './pages/InstallPage';
import { InventoryPage } from './pages/InventoryPage';
import { InvitePage } from './pages/InvitePage';
import { MappingEditorPage } from './pages/MappingEditorPage';
import { MarketplacePage } from './pages/MarketplacePage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RuleEditorPage } from './pages/RuleEditorPage';
import { RulesPage } from './pages/RulesPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { SyncPage } from './pages/SyncPage';
import { SyncsPage } from './pages/SyncsPage';
import { TokensPage } from './pages/TokensPage';
import { WorkspacePage } from './pages/WorkspacePage';
import { WorkspacesPage } from './pages/WorkspacesPage';

export const routes: RouteObject[] = [
  { path: '/', element: <HomePage /> },
  { path: '/signin', element: <SignInPage /> },
  { path: '/signup', element: <SignUpPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  // A store installed from its app store lands here after consent.
  { path: '/install/:token', element: <InstallPage /> },
  {
    path: '/agencies/:agencyId',
    element: <AgencyShell />,
    children: [
      { index: true, element: <WorkspacesPage /> },
      { path: 'members', element: <MembersPage /> },
      { path: 'tokens', element: <TokensPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'workspaces/:workspaceId', element: <WorkspacePage /> },
      // The OAuth callback comes back here with ?connected=<id> or ?error=<message>.
      { path: 'workspaces/:workspaceId/connections', element: <WorkspacePage /> },
      { path: 'workspaces/:workspaceId/marketplace', element: <MarketplacePage /> },
      { path: 'workspaces/:workspaceId/marketplace/:slug', element: <ConnectorPage /> },
      { path: 'workspaces/:workspaceId/rules', element: <RulesPage /> },
      { path: 'workspaces/:workspaceId/rules/new', element: <RuleEditorPage /> },
      { path: 'workspaces/:workspaceId/rules/:ruleId', element: <RuleEditorPage /> },
      { path: 'workspaces/:workspaceId/runs', element: <RunsPage /> },
      { path: 'workspaces/:workspaceId/runs/:runId', element: <RunPage /> },
      { path: 'workspaces/:workspaceId/syncs', element: <SyncsPage /> },
      { path: 'workspaces/:workspaceId/syncs/mappings/new', element: <MappingEditorPage /> },
      { path: 'workspaces/:workspaceId/syncs/mappings/:mappingId', element: <MappingEditorPage /> },
      { path: 'workspaces/:workspaceId/syncs/:syncId', element: <SyncPage /> },
      { path: 'workspaces/:workspaceId/inventory', element: <InventoryPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
