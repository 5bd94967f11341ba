import { Button, PasswordInput, SegmentedControl, Stack, TextInput, useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { formErrors, type FieldErrors } from '../lib/errors';
import { invitationToken, type InstallTarget } from '../lib/install';
import { MIN_PASSWORD_LENGTH, passwordError } from '../lib/password';
import { ErrorAlert } from './ErrorAlert';

const InstallSignUpMutation = graphql(`
  mutation InstallSignUp($input: SignUpInput!) {
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

const InstallAcceptInvitationMutation = graphql(`
  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      viewer {
        user {
          id
        }
      }
    }
  }
`);

const InstallSignInMutation = graphql(`
  mutation InstallSignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        user {
          id
        }
      }
    }
  }
`);

type Mode = 'create' | 'invitation' | 'signin';

const MODES: { value: Mode; label: string }[] = [
  { value: 'create', label: 'Create an account' },
  { value: 'invitation', label: 'I have an invitation' },
  { value: 'signin', label: 'Sign in' },
];

interface Props {
  /** The store's name: the default name of a new agency. */
  accountName: string;
  /** Called once signed in; with a target when the store can be placed right away. */
  onSignedIn: (target?: InstallTarget) => Promise<void>;
}

interface FormProps extends Props {
  busy: boolean;
  /** Runs a submission; every input is disabled until it ends. */
  submit: (work: () => Promise<void>) => void;
}

/** For a signed-out merchant: sign up, accept an invitation or sign in. */
export function InstallAccountForms(props: Props) {
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.xs})`, undefined, { getInitialValueInEffect: false });
  const [mode, setMode] = useState<Mode>('create');
  const [busy, setBusy] = useState(false);
  const submit = useCallback((work: () => Promise<void>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  }, []);
  const formProps = { ...props, busy, submit };

  return (
    <Stack>
      <SegmentedControl
        aria-label="How to continue"
        data={MODES}
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        orientation={wide ? 'horizontal' : 'vertical'}
        fullWidth
        disabled={busy}
      />
      {mode === 'create' && <CreateAccountForm {...formProps} />}
      {mode === 'invitation' && <InvitationForm {...formProps} />}
      {mode === 'signin' && <SignInForm {...formProps} />}
    </Stack>
  );
}

/** A small form's values, its own checks' messages and the props binding an input to a value. */
function useFormValues<Name extends string>(initial: Record<Name, string>, busy: boolean) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FieldErrors>({});
  const bind = (name: Name, serverErrors: FieldErrors) => ({
    value: values[name],
    onChange: (e: { currentTarget: HTMLInputElement }) => {
      const { value } = e.currentTarget;
      setValues((v) => ({ ...v, [name]: value }));
    },
    error: problems[name] ?? serverErrors[name],
    disabled: busy,
  });
  /** Shows the problems found; true when there are none. */
  const check = (found: FieldErrors) => {
    setProblems(found);
    return Object.keys(found).length === 0;
  };
  return { values, bind, check };
}

function passwordProblems(password: string): FieldErrors {
  const tooShort = passwordError(password);
  return tooShort ? { password: tooShort } : {};
}

function CreateAccountForm({ accountName, onSignedIn, busy, submit }: FormProps) {
  const [{ error }, signUp] = useMutation(InstallSignUpMutation);
  const { values, bind, check } = useFormValues({ name: '', email: '', password: '', agencyName: accountName }, busy);
  const errors = formErrors(error, ['name', 'email', 'password', 'agencyName']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(passwordProblems(values.password))) return;
    submit(async () => {
      const result = await signUp({ input: values });
      if (!result.data) return;
      // The new account's only agency: the store gets a workspace there.
      const agencyId = result.data.signUp.viewer.memberships[0]?.agency.id;
      await onSignedIn(agencyId ? { agencyId, workspaceName: accountName } : undefined);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Your name" required autoComplete="name" {...bind('name', errors.fields)} />
        <TextInput label="Email" type="email" required autoComplete="email" {...bind('email', errors.fields)} />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          required
          autoComplete="new-password"
          {...bind('password', errors.fields)}
        />
        <TextInput
          label="Agency name"
          description="Your agency in Switchboard; the store gets its own workspace in it."
          required
          autoComplete="organization"
          {...bind('agencyName', errors.fields)}
        />
        <ErrorAlert message={errors.form} title="Could not create the account" />
        <Button type="submit" loading={busy} fullWidth>
          Create account and install
        </Button>
      </Stack>
    </form>
  );
}

function InvitationForm({ onSignedIn, busy, submit }: FormProps) {
  const [{ error }, accept] = useMutation(InstallAcceptInvitationMutation);
  const { values, bind, check } = useFormValues({ token: '', name: '', password: '' }, busy);
  const errors = formErrors(error, ['token', 'name', 'password']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const token = invitationToken(values.token);
    const problems = passwordProblems(values.password);
    if (!token) problems.token = 'Paste the code or the link from your invitation.';
    if (!check(problems)) return;
    submit(async () => {
      const result = await accept({ input: { token, name: values.name, password: values.password } });
      if (result.data) await onSignedIn();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label="Invitation code"
          description="The code or the whole link from your invitation email."
          required
          autoComplete="off"
          {...bind('token', errors.fields)}
        />
        <TextInput label="Your name" required autoComplete="name" {...bind('name', errors.fields)} />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          required
          autoComplete="new-password"
          {...bind('password', errors.fields)}
        />
        <ErrorAlert message={errors.form} title="Could not accept the invitation" />
        <Button type="submit" loading={busy} fullWidth>
          Accept invitation
        </Button>
      </Stack>
    </form>
  );
}

function SignInForm({ onSignedIn, busy, submit }: FormProps) {
  const [{ error }, signIn] = useMutation(InstallSignInMutation);
  const { values, bind } = useFormValues({ email: '', password: '' }, busy);
  const errors = formErrors(error, ['email', 'password']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(async () => {
      const result = await signIn({ input: values });
      if (result.data) await onSignedIn();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Email" type="email" required autoComplete="email" {...bind('email', errors.fields)} />
        <PasswordInput label="Password" required autoComplete="current-password" {...bind('password', errors.fields)} />
        <ErrorAlert message={errors.form} title="Could not sign in" />
        <Button type="submit" loading={busy} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
