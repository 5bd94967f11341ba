import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AuthLayout } from '../components/AuthLayout';
import { useResetClient } from '../components/ClientProvider';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { graphql } from '../gql';
import type { AcceptInvitationMutation } from '../gql/graphql';
import { SKIP_AUTH_REDIRECT } from '../lib/client';
import { formErrors, signInPath, type FieldErrors } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { MIN_PASSWORD_LENGTH, passwordError } from '../lib/password';
import { ROLE_LABELS } from '../lib/roles';

const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) {
      agencyId
      agencyName
      email
      role
      invitedByName
      expiresAt
      accountExists
    }
  }
`);

const InviteViewerQuery = graphql(`
  query InviteViewer {
    viewer {
      user {
        id
        email
      }
    }
  }
`);

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      viewer {
        memberships {
          id
          agency {
            id
            name
          }
        }
      }
    }
  }
`);

/** The agency just joined, as named by the preview's agency id. */
function joinedAgencyPath(data: AcceptInvitationMutation, agencyId: string): string {
  const membership = data.acceptInvitation.viewer.memberships.find((m) => m.agency.id === agencyId);
  return membership ? `/agencies/${membership.agency.id}` : '/';
}

export function InvitePage() {
  const { token = '' } = useParams();
  const [preview] = useQuery({ query: InvitationPreviewQuery, variables: { token } });
  const [viewer] = useQuery({ query: InviteViewerQuery, context: SKIP_AUTH_REDIRECT });

  if (preview.fetching || viewer.fetching) return <PageLoader />;
  if (preview.error) {
    return (
      <AuthLayout title="Invitation">
        <ErrorAlert error={preview.error} />
      </AuthLayout>
    );
  }
  const invitation = preview.data?.invitationPreview;
  if (!invitation) {
    return (
      <AuthLayout title="Invitation not valid">
        <Stack>
          <Text>This invitation link is invalid, was already used, has expired or was revoked.</Text>
          <Text c="dimmed" size="sm">
            Ask the person who invited you for a new link.
          </Text>
          <Button component={Link} to="/signin" variant="default">
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={`Join ${invitation.agencyName}`}
      subtitle={
        <>
          {invitation.invitedByName ? `${invitation.invitedByName} invited` : 'You were invited as'} {invitation.email}{' '}
          as {ROLE_LABELS[invitation.role]}. The invitation expires {formatDateTime(invitation.expiresAt)}.
        </>
      }
    >
      {invitation.accountExists ? (
        <AcceptAsExistingUser token={token} invitation={invitation} signedInEmail={viewer.data?.viewer.user.email} />
      ) : (
        <AcceptWithNewAccount token={token} invitation={invitation} />
      )}
    </AuthLayout>
  );
}

interface AcceptProps {
  token: string;
  invitation: { agencyId: string; agencyName: string; email: string };
}

function useAccept(agencyId: string) {
  const navigate = useNavigate();
  const resetClient = useResetClient();
  const [state, accept] = useMutation(AcceptInvitationMutation);
  const run = async (input: { token: string; name?: string; password?: string }) => {
    const result = await accept({ input });
    if (result.data) {
      resetClient();
      await navigate(joinedAgencyPath(result.data, agencyId), { replace: true });
    }
  };
  return [state, run] as const;
}

function AcceptAsExistingUser({ token, invitation, signedInEmail }: AcceptProps & { signedInEmail?: string }) {
  const [{ fetching, error }, accept] = useAccept(invitation.agencyId);
  if (!signedInEmail) {
    return (
      <Stack>
        <Text>
          You already have an account as <b>{invitation.email}</b>. Sign in first, then accept the invitation.
        </Text>
        <Button component={Link} to={signInPath(`/invite/${token}`)}>
          Sign in to accept
        </Button>
      </Stack>
    );
  }
  const otherUser = signedInEmail.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <Stack>
      <Text>
        You are signed in as <b>{signedInEmail}</b>.
      </Text>
      {otherUser && (
        <ErrorAlert
          title="Different account"
          message={`This invitation is for ${invitation.email}. Sign out and sign in with that account to accept it.`}
        />
      )}
      <ErrorAlert error={error} title="Could not accept" />
      <Button onClick={() => accept({ token })} loading={fetching} disabled={otherUser}>
        Accept invitation
      </Button>
    </Stack>
  );
}

function AcceptWithNewAccount({ token, invitation }: AcceptProps) {
  const [{ fetching, error }, accept] = useAccept(invitation.agencyId);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = formErrors(error, ['name', 'password']);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const tooShort = passwordError(password);
    setLocalErrors(tooShort ? { password: tooShort } : {});
    if (!tooShort) await accept({ token, name, password });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Email" value={invitation.email} readOnly disabled />
        <TextInput
          label="Your name"
          required
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fields.name}
        />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={localErrors.password ?? errors.fields.password}
        />
        <ErrorAlert message={errors.form} title="Could not accept" />
        <Button type="submit" loading={fetching}>
          Create account and join
        </Button>
      </Stack>
    </form>
  );
}
