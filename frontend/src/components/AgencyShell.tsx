import { AppShell, Box, Burger, Group, NavLink, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconHistory, IconKey, IconUsers } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { AgencyContext } from '../lib/agency';
import { isUnauthenticated } from '../lib/errors';
import { AgencySwitcher, CurrentAgency } from './AgencySwitcher';
import { ErrorAlert } from './ErrorAlert';
import { NotFound } from './NotFound';
import { PageLoader } from './PageLoader';
import { UserMenu } from './UserMenu';

const ShellViewerQuery = graphql(`
  query ShellViewer {
    viewer {
      user {
        id
        name
        email
      }
      memberships {
        id
        role
        agency {
          id
          name
        }
      }
    }
  }
`);

const NAV = [
  { path: '', label: 'Workspaces', icon: IconBuildingStore },
  { path: '/members', label: 'Members', icon: IconUsers },
  { path: '/tokens', label: 'API tokens', icon: IconKey },
  { path: '/audit', label: 'Audit log', icon: IconHistory },
];

export function AgencyShell() {
  const { agencyId = '' } = useParams();
  const { pathname } = useLocation();
  const [navOpened, { toggle, close }] = useDisclosure();
  const [{ data, error }] = useQuery({ query: ShellViewerQuery });

  useEffect(close, [pathname, close]);

  const membership = data?.viewer.memberships.find((m) => m.agency.id === agencyId);
  const agency = useMemo(
    () =>
      membership && {
        agencyId,
        agencyName: membership.agency.name,
        role: membership.role,
        membershipId: membership.id,
      },
    [agencyId, membership],
  );

  if (!data) {
    return error && !isUnauthenticated(error) ? (
      <Box p="md">
        <ErrorAlert error={error} />
      </Box>
    ) : (
      <PageLoader />
    );
  }

  const agencies = data.viewer.memberships.map((m) => m.agency);
  const base = `/agencies/${agencyId}`;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h3" style={{ flexShrink: 0 }}>
              Switchboard
            </Title>
            {membership && (
              <CurrentAgency agencyId={agencyId} name={membership.agency.name} agencies={agencies} />
            )}
          </Group>
          <UserMenu name={data.viewer.user.name} email={data.viewer.user.email} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Agency">
        <Box hiddenFrom="sm" mb="sm">
          <AgencySwitcher agencyId={agencyId} agencies={agencies} />
        </Box>
        {NAV.map(({ path, label, icon: Icon }) => (
          <NavLink
            key={label}
            component={Link}
            to={base + path}
            label={label}
            leftSection={<Icon size={18} />}
            active={pathname === base + path || (path === '' && pathname.startsWith(`${base}/workspaces/`))}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {agency ? (
          <AgencyContext.Provider value={agency}>
            <Outlet />
          </AgencyContext.Provider>
        ) : (
          <NotFound message="This agency does not exist or you are not a member of it." />
        )}
      </AppShell.Main>
    </AppShell>
  );
}
