import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useResetClient } from '../components/ClientProvider';
import { graphql } from '../gql';

const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Ends the session, then drops every cached result by replacing the client. */
export function useSignOut(): () => Promise<void> {
  const [, signOut] = useMutation(SignOutMutation);
  const resetClient = useResetClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await signOut({});
    await navigate('/signin');
    resetClient();
  }, [signOut, navigate, resetClient]);
}
