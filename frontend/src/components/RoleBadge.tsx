import { Badge } from '@mantine/core';
import type { Role } from '../gql/graphql';
import { ROLE_LABELS } from '../lib/roles';

const COLORS: Record<Role, string> = { OWNER: 'grape', ADMIN: 'indigo', MEMBER: 'blue', VIEWER: 'gray' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge color={COLORS[role]} variant="light">
      {ROLE_LABELS[role]}
    </Badge>
  );
}
