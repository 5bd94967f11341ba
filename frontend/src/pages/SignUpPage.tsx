import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { AuthLayout } from '../components/AuthLayout';
import { useResetClient } from '../components/ClientProvider';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { formErrors, type FieldErrors } from '../lib/errors';
import { MIN_PASSWORD_LENGTH, passwordError } from '../lib/password';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      viewer {
        memberships {
          id
          agency {
            id
          }
        }
      }
    }
  }
`);

const FIELDS = ['agencyName', 'name', 'email', 'password'];

export function SignUpPage() {
  const navigate = useNavigate();
  const resetClient = useResetClient();
  const [{ fetching, error }, signUp] = useMutation(SignUpMutation);
  const [input, setInput] = useState({ agencyName: '', name: '', email: '', password: '' });
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = formErrors(error, FIELDS);
  const fieldError = (name: keyof typeof input) => localErrors[name] ?? errors.fields[name];

  const bind = (name: keyof typeof input) => ({
    value: input[name],
    onChange: (e: { currentTarget: HTMLInputElement }) => setInput({ ...input, [name]: e.currentTarget.value }),
    error: fieldError(name),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const password = passwordError(input.password);
    setLocalErrors(password ? { password } : {});
    if (password) return;
    const result = await signUp({ input });
    const agencyId = result.data?.signUp.viewer.memberships[0]?.agency.id;
    if (result.data) {
      resetClient();
      await navigate(agencyId ? `/agencies/${agencyId}` : '/', { replace: true });
    }
  };

  return (
    <AuthLayout
      title="Create your agency"
      subtitle={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/signin">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label="Agency name" required autoComplete="organization" {...bind('agencyName')} />
          <TextInput label="Your name" required autoComplete="name" {...bind('name')} />
          <TextInput label="Email" type="email" required autoComplete="email" {...bind('email')} />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
            required
            autoComplete="new-password"
            {...bind('password')}
          />
          <ErrorAlert message={errors.form} title="Could not sign up" />
          <Button type="submit" loading={fetching} fullWidth>
            Create agency
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
