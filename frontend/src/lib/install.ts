import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useResetClient } from '../components/ClientProvider';
import { workspacePath } from '../components/WorkspaceCrumbs';
import { graphql } from '../gql';

const CompleteAppInstallMutation = graphql(`
  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {
    completeAppInstall(input: $input) {
      workspace {
        id
        agency {
          id
        }
      }
      connection {
        id
      }
    }
  }
`);

/** Where an installed store goes: an existing workspace, or a new one in an agency. */
export type InstallTarget = { workspaceId: string } | { agencyId: string; workspaceName: string };

/** The workspace's connections, announcing the new connection (see WorkspacePage). */
export function installedPath(payload: {
  workspace: { id: string; agency: { id: string } };
  connection: { id: string };
}): string {
  const { workspace, connection } = payload;
  return `${workspacePath(workspace.agency.id, workspace.id)}/connections?connected=${encodeURIComponent(connection.id)}`;
}

/**
 * The token of an invitation, from the code itself or from a whole pasted
 * invitation link (…/invite/<token>).
 */
export function invitationToken(input: string): string {
  const text = input.trim();
  return /\/invite\/([^/?#\s]+)/.exec(text)?.[1] ?? text;
}

/**
 * completeAppInstall for the landing token; on success the client is replaced
 * (the caller may have just signed in) and the browser goes to the store's
 * connection. Resolves to whether it succeeded; the error stays in the state.
 */
export function useCompleteInstall(token: string) {
  const navigate = useNavigate();
  const resetClient = useResetClient();
  const [state, run] = useMutation(CompleteAppInstallMutation);
  const complete = async (target: InstallTarget): Promise<boolean> => {
    const result = await run({ input: { token, ...target } });
    const payload = result.data?.completeAppInstall;
    if (!payload) return false;
    resetClient();
    await navigate(installedPath(payload), { replace: true });
    return true;
  };
  return [state, complete] as const;
}
