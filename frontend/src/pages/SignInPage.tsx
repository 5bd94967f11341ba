import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { AuthLayout } from '../components/AuthLayout';
import { useResetClient } from '../components/ClientProvider';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { formErrors, safeReturnPath } from '../lib/errors';

const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        user {
          id
        }
      }
    }
  }
`);

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const resetClient = useResetClient();
  const [{ fetching, error }, signIn] = useMutation(SignInMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = formErrors(error, ['email', 'password']);
  const next = params.get('next');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await signIn({ input: { email, password } });
    if (result.data) {
      resetClient();
      await navigate(safeReturnPath(next), { replace: true });
    }
  };

  return (
    <AuthLayout
      title="Sign in"
      subtitle={
        <>
          New to Switchboard?{' '}
          <Anchor component={Link} to="/signup">
            Create an agency account
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields.email}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fields.password}
          />
          <ErrorAlert message={errors.form} title="Could not sign in" />
          <Button type="submit" loading={fetching} fullWidth>
            Sign in
          </Button>
          {next?.startsWith('/invite/') && (
            <Text size="sm" c="dimmed" ta="center">
              Sign in to accept your invitation.
            </Text>
          )}
        </Stack>
      </form>
    </AuthLayout>
  );
}
