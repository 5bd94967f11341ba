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

/**
 * Ends the session, goes to `to` (null: stays on the page), then drops every
 * cached result by replacing the client.
 */
export function useSignOut(to: string | null = '/signin'): () => Promise<void> {
  const [, signOut] = useMutation(SignOutMutation);
  const resetClient = useResetClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await signOut({});
    if (to) await navigate(to);
    resetClient();
  }, [signOut, navigate, resetClient, to]);
}
