import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useQuery, type CombinedError } from 'urql';
import { AuthLayout } from '../components/AuthLayout';
import { useResetClient } from '../components/ClientProvider';
import { ConnectorIcon } from '../components/ConnectorIcon';
import { ErrorAlert } from '../components/ErrorAlert';
import { InstallAccountForms } from '../components/InstallAccountForms';
import { InstallChooser } from '../components/InstallChooser';
import { PageLoader } from '../components/PageLoader';
import { SandboxBadge } from '../components/SandboxNote';
import { graphql } from '../gql';
import type { AppInstallQuery as AppInstallResult } from '../gql/graphql';
import { SKIP_AUTH_REDIRECT } from '../lib/client';
import { isUnauthenticated } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useCompleteInstall, type InstallTarget } from '../lib/install';

const AppInstallQuery = graphql(`
  query AppInstall($token: String!) {
    appInstall(token: $token) {
      shop
      accountName
      expiresAt
      connector {
        slug
        name
        category
        sandboxUrl
      }
      workspaces {
        id
        name
        agency {
          id
          name
        }
      }
      connectedWorkspaceIds
      agencies {
        id
        name
      }
    }
  }
`);

const InstallViewerQuery = graphql(`
  query InstallViewer {
    viewer {
      user {
        id
        email
      }
    }
  }
`);

type PendingInstall = NonNullable<AppInstallResult['appInstall']>;

/**
 * `/install/:token`: where a store installed from its app store lands after
 * consent. Signed out, the merchant signs up, accepts an invitation or signs
 * in; signed in, they choose the workspace the store goes to.
 */
export function InstallPage() {
  const { token = '' } = useParams();
  const [install, reloadInstall] = useQuery({ query: AppInstallQuery, variables: { token } });
  const [viewer, reloadViewer] = useQuery({ query: InstallViewerQuery, context: SKIP_AUTH_REDIRECT });
  const [completion, complete] = useCompleteInstall(token);
  const resetClient = useResetClient();

  if (install.fetching || viewer.fetching) return <PageLoader />;
  const error = install.error ?? (isUnauthenticated(viewer.error) ? undefined : viewer.error);
  if (error) {
    const retry = () => {
      reloadInstall({ requestPolicy: 'network-only' });
      reloadViewer({ requestPolicy: 'network-only' });
    };
    return <LoadFailed error={error} onRetry={retry} />;
  }
  const pending = install.data?.appInstall;
  if (!pending) return <InstallExpired />;

  const email = viewer.data?.viewer.user.email;
  // Just signed in: place the store right away when the form says where, else
  // reload as the signed-in viewer, whose choices the chooser then shows.
  const signedIn = async (target?: InstallTarget) => {
    if (!target || !(await complete(target))) resetClient();
  };

  return (
    <AuthLayout
      title={`Finish installing Switchboard on ${pending.accountName}`}
      subtitle={
        <>
          {email
            ? 'Choose the workspace this store belongs to.'
            : 'Create an account or sign in to choose where this store goes.'}{' '}
          This link expires {formatDateTime(pending.expiresAt)}.
        </>
      }
      width={520}
    >
      <Stack>
        <StoreSummary install={pending} />
        <Divider />
        {email ? (
          <InstallChooser
            install={pending}
            email={email}
            busy={completion.fetching}
            error={completion.error}
            onChoose={(target) => void complete(target)}
          />
        ) : (
          <InstallAccountForms accountName={pending.accountName} onSignedIn={signedIn} />
        )}
      </Stack>
    </AuthLayout>
  );
}

/** The store being installed: its name, shop domain and connector. */
function StoreSummary({ install }: { install: PendingInstall }) {
  const { connector } = install;
  return (
    <Group wrap="nowrap" gap="sm">
      <ConnectorIcon category={connector.category} />
      <Stack gap={0} miw={0} style={{ flex: 1 }}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {install.accountName}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {connector.name} · {install.shop}
        </Text>
      </Stack>
      {connector.sandboxUrl && <SandboxBadge size="sm" />}
    </Group>
  );
}

function InstallExpired() {
  return (
    <AuthLayout title="Install link expired">
      <Stack>
        <Text>
          This install link has expired or was already used. Install Switchboard again from the Shopify App Store.
        </Text>
        <Button component={Link} to="/signin" variant="default">
          Go to sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}

function LoadFailed({ error, onRetry }: { error: CombinedError; onRetry: () => void }) {
  return (
    <AuthLayout title="Finish installing Switchboard">
      <Stack>
        <ErrorAlert error={error} title="Could not load this install" />
        <Button variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </AuthLayout>
  );
}
