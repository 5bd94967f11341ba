import { Button } from '@mantine/core';
import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { AuthLayout } from '../components/AuthLayout';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { graphql } from '../gql';
import { isUnauthenticated } from '../lib/errors';
import { useSignOut } from '../lib/useSignOut';

const HomeViewerQuery = graphql(`
  query HomeViewer {
    viewer {
      memberships {
        id
        agency {
          id
        }
      }
    }
  }
`);

/** `/`: opens the first agency; the client sends signed-out visitors to /signin. */
export function HomePage() {
  const [{ data, error }] = useQuery({ query: HomeViewerQuery, requestPolicy: 'network-only' });
  const signOut = useSignOut();

  if (error && !isUnauthenticated(error)) {
    return (
      <AuthLayout title="Switchboard">
        <ErrorAlert error={error} />
      </AuthLayout>
    );
  }
  if (!data) return <PageLoader />;
  const first = data.viewer.memberships[0];
  if (first) return <Navigate to={`/agencies/${first.agency.id}`} replace />;
  return (
    <AuthLayout title="No agency yet">
      <EmptyState
        title="You are not in any agency"
        description="Ask an agency owner or admin to invite you, then open the link from the invitation."
        action={
          <Button variant="default" onClick={signOut}>
            Sign out
          </Button>
        }
      />
    </AuthLayout>
  );
}
