import type { RouteObject } from 'react-router';
import { AgencyShell } from './components/AgencyShell';
import { AuditPage } from './pages/AuditPage';
import { HomePage } from './pages/HomePage';
import { InvitePage } from './pages/InvitePage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { TokensPage } from './pages/TokensPage';
import { WorkspacesPage } from './pages/WorkspacesPage';

export const routes: RouteObject[] = [
  { path: '/', element: <HomePage /> },
  { path: '/signin', element: <SignInPage /> },
  { path: '/signup', element: <SignUpPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    path: '/agencies/:agencyId',
    element: <AgencyShell />,
    children: [
      { index: true, element: <WorkspacesPage /> },
      { path: 'members', element: <MembersPage /> },
      { path: 'tokens', element: <TokensPage /> },
      { path: 'audit', element: <AuditPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
