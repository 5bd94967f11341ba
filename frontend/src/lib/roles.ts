import type { Role } from '../gql/graphql';

export const ROLES: readonly Role[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MEMBER: 'Member',
  VIEWER: 'Viewer',
};

/** Owners and admins manage workspaces and people. */
export function canManage(role: Role): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** Everyone but viewers may make changes (e.g. create API tokens). */
export function canWrite(role: Role): boolean {
  return role !== 'VIEWER';
}

/** Only members and viewers can be limited to some workspaces. */
export function hasWorkspaceScope(role: Role): boolean {
  return role === 'MEMBER' || role === 'VIEWER';
}

/** Roles the viewer may hand out: an admin cannot create owners. */
export function assignableRoles(viewerRole: Role): Role[] {
  return viewerRole === 'OWNER' ? [...ROLES] : ROLES.filter((r) => r !== 'OWNER');
}
