import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubOperations } from '../test/render';
import { InstallPage } from './InstallPage';

const unauthenticated = { data: null, errors: [{ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }] };
const signedIn = {
  data: { viewer: { __typename: 'Viewer', user: { __typename: 'User', id: 'u1', email: 'ann@example.com' } } },
};

const workspace = (id: string, name: string) => ({
  __typename: 'Workspace',
  id,
  name,
  agency: { __typename: 'Agency', id: 'a1', name: 'Northwind' },
});

/** An AppInstall as the server answers it; signed out, the viewer has no choices. */
function pending(choices: { workspaces?: unknown[]; connectedWorkspaceIds?: string[]; agencies?: unknown[] } = {}) {
  return {
    data: {
      appInstall: {
        __typename: 'AppInstall',
        shop: 'acme-outdoor.myshopify.com',
        accountName: 'Acme Outdoor',
        expiresAt: '2026-11-26T19:00:00Z',
        connector: { __typename: 'Connector', slug: 'shopify', name: 'Shopify', category: 'STORE', sandboxUrl: null },
        workspaces: [],
        connectedWorkspaceIds: [],
        agencies: [],
        ...choices,
      },
    },
  };
}

const completed = {
  data: {
    completeAppInstall: {
      __typename: 'CompleteAppInstallPayload',
      workspace: { __typename: 'Workspace', id: 'w1', agency: { __typename: 'Agency', id: 'a1' } },
      connection: { __typename: 'Connection', id: 'c1' },
    },
  },
};

const validationFailed = (fields: Record<string, string>) => ({
  data: null,
  errors: [{ message: 'invalid input', extensions: { code: 'VALIDATION_FAILED', fields } }],
});

const input = (label: RegExp) => screen.getByLabelText(label, { selector: 'input' });

async function fillCreateAccount() {
  await userEvent.type(await screen.findByLabelText(/^your name/i), 'Ann Merchant');
  await userEvent.type(input(/^email/i), 'ann@example.com');
  await userEvent.type(input(/^password/i), 'long-enough-password');
  await userEvent.click(screen.getByRole('button', { name: 'Create account and install' }));
}

function renderInstall(onUnauthenticated = vi.fn()) {
  return renderPage(<InstallPage />, '/install/tok-1', onUnauthenticated, '/install/:token');
}

describe('InstallPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says when the link has expired or was used', async () => {
    stubOperations({ AppInstall: { data: { appInstall: null } }, InstallViewer: unauthenticated });
    const { onUnauthenticated } = renderInstall();

    expect(await screen.findByText(/This install link has expired or was already used\./)).toBeInTheDocument();
    expect(screen.getByText(/Install Switchboard again from the Shopify App Store\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/signin');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('shows an error with a retry when the install cannot be loaded', async () => {
    stubOperations({
      AppInstall: { data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL', requestId: 'r9' } }] },
      InstallViewer: unauthenticated,
    });
    renderInstall();

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong (request id r9).');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('creates an account, then puts the store in a new workspace of its agency', async () => {
    const calls = stubOperations({
      AppInstall: pending(),
      InstallViewer: unauthenticated,
      InstallSignUp: {
        data: {
          signUp: {
            __typename: 'AuthPayload',
            viewer: {
              __typename: 'Viewer',
              memberships: [{ __typename: 'Membership', id: 'm1', agency: { __typename: 'Agency', id: 'a1' } }],
            },
          },
        },
      },
      CompleteAppInstall: completed,
    });
    const { router, onUnauthenticated } = renderInstall();

    expect(
      await screen.findByRole('heading', { name: 'Finish installing Switchboard on Acme Outdoor' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Shopify · acme-outdoor.myshopify.com')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Create an account' })).toBeChecked();
    expect(input(/^agency name/i)).toHaveValue('Acme Outdoor');
    await fillCreateAccount();

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/connections'));
    expect(router.state.location.search).toBe('?connected=c1');
    const names = calls.map((c) => c.operationName);
    expect(names.indexOf('InstallSignUp')).toBeGreaterThan(-1);
    expect(names.indexOf('InstallSignUp')).toBeLessThan(names.indexOf('CompleteAppInstall'));
    expect(calls.find((c) => c.operationName === 'InstallSignUp')?.variables).toEqual({
      input: { name: 'Ann Merchant', email: 'ann@example.com', password: 'long-enough-password', agencyName: 'Acme Outdoor' },
    });
    expect(calls.find((c) => c.operationName === 'CompleteAppInstall')?.variables).toEqual({
      input: { token: 'tok-1', agencyId: 'a1', workspaceName: 'Acme Outdoor' },
    });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('keeps the new account signed in and offers the chooser when placing the store fails', async () => {
    let signedUp = false;
    stubOperations({
      AppInstall: () => pending(signedUp ? { agencies: [{ __typename: 'Agency', id: 'a1', name: 'Acme Outdoor' }] } : {}),
      InstallViewer: () => (signedUp ? signedIn : unauthenticated),
      InstallSignUp: () => {
        signedUp = true;
        return {
          data: {
            signUp: {
              __typename: 'AuthPayload',
              viewer: {
                __typename: 'Viewer',
                memberships: [{ __typename: 'Membership', id: 'm1', agency: { __typename: 'Agency', id: 'a1' } }],
              },
            },
          },
        };
      },
      CompleteAppInstall: { data: null, errors: [{ message: 'the store is busy; try again', extensions: { code: 'CONFLICT' } }] },
    });
    const { router } = renderInstall();
    await fillCreateAccount();

    expect(await screen.findByRole('radio', { name: 'New workspace in Acme Outdoor' })).toBeChecked();
    expect(screen.getByRole('alert')).toHaveTextContent('the store is busy; try again');
    expect(router.state.location.pathname).toBe('/install/tok-1');
  });

  it('shows VALIDATION_FAILED messages under their fields and places nothing', async () => {
    const calls = stubOperations({
      AppInstall: pending(),
      InstallViewer: unauthenticated,
      InstallSignUp: validationFailed({ email: 'This email is already registered.' }),
    });
    const { router } = renderInstall();
    await fillCreateAccount();

    expect(await screen.findByText('This email is already registered.')).toBeInTheDocument();
    expect(input(/^email/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(calls.some((c) => c.operationName === 'CompleteAppInstall')).toBe(false);
    expect(router.state.location.pathname).toBe('/install/tok-1');
  });

  it('checks the password length before asking the server', async () => {
    const calls = stubOperations({ AppInstall: pending(), InstallViewer: unauthenticated });
    renderInstall();
    await userEvent.type(await screen.findByLabelText(/^your name/i), 'Ann');
    await userEvent.type(input(/^password/i), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account and install' }));

    expect(await screen.findByText('Use at least 10 characters.')).toBeInTheDocument();
    expect(calls.some((c) => c.operationName === 'InstallSignUp')).toBe(false);
  });

  it('accepts an invitation from a pasted link, then offers the workspaces of the new account', async () => {
    let joined = false;
    const calls = stubOperations({
      AppInstall: () => (joined ? pending({ workspaces: [workspace('w1', 'Acme Store')] }) : pending()),
      InstallViewer: () => (joined ? signedIn : unauthenticated),
      InstallAcceptInvitation: () => {
        joined = true;
        return {
          data: {
            acceptInvitation: {
              __typename: 'AuthPayload',
              viewer: { __typename: 'Viewer', user: { __typename: 'User', id: 'u1' } },
            },
          },
        };
      },
    });
    renderInstall();

    await userEvent.click(await screen.findByRole('radio', { name: 'I have an invitation' }));
    await userEvent.type(input(/^invitation code/i), 'https://hub.example.com/invite/inv-42?x=1');
    await userEvent.type(input(/^your name/i), 'Ann');
    await userEvent.type(input(/^password/i), 'long-enough-password');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByRole('radio', { name: /Acme Store/ })).toBeChecked();
    expect(screen.getByText('ann@example.com')).toBeInTheDocument();
    expect(calls.find((c) => c.operationName === 'InstallAcceptInvitation')?.variables).toEqual({
      input: { token: 'inv-42', name: 'Ann', password: 'long-enough-password' },
    });
  });

  it('preselects the workspace where the store is connected and renews it there', async () => {
    const calls = stubOperations({
      AppInstall: pending({
        workspaces: [workspace('w2', 'Acme Outdoor'), workspace('w1', 'Old Shop')],
        connectedWorkspaceIds: ['w2'],
        agencies: [{ __typename: 'Agency', id: 'a1', name: 'Northwind' }],
      }),
      InstallViewer: signedIn,
      CompleteAppInstall: completed,
    });
    const { router } = renderInstall();

    const group = await screen.findByRole('radiogroup', { name: 'Where should the store go?' });
    const connected = within(group).getByRole('radio', { name: /^Acme Outdoor/ });
    expect(connected).toBeChecked();
    expect(within(group).getByText('Already connected — will be renewed')).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: /^Old Shop/ })).not.toBeChecked();
    expect(within(group).getByRole('radio', { name: 'New workspace in Northwind' })).not.toBeChecked();
    expect(screen.queryByLabelText(/^workspace name/i)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Connect store' }));

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/connections'));
    expect(calls.find((c) => c.operationName === 'CompleteAppInstall')?.variables).toEqual({
      input: { token: 'tok-1', workspaceId: 'w2' },
    });
  });

  it('creates a new workspace under the chosen agency and shows a name error on its input', async () => {
    const calls = stubOperations({
      AppInstall: pending({ agencies: [{ __typename: 'Agency', id: 'a1', name: 'Northwind' }] }),
      InstallViewer: signedIn,
      CompleteAppInstall: validationFailed({ workspaceName: 'must be at most 80 characters' }),
    });
    renderInstall();

    expect(await screen.findByRole('radio', { name: 'New workspace in Northwind' })).toBeChecked();
    const name = input(/^workspace name/i);
    expect(name).toHaveValue('Acme Outdoor');
    await userEvent.type(name, ' Two');
    await userEvent.click(screen.getByRole('button', { name: 'Connect store' }));

    expect(await screen.findByText('must be at most 80 characters')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(calls.find((c) => c.operationName === 'CompleteAppInstall')?.variables).toEqual({
      input: { token: 'tok-1', agencyId: 'a1', workspaceName: 'Acme Outdoor Two' },
    });
  });

  it('explains when the signed-in account cannot add stores', async () => {
    stubOperations({ AppInstall: pending(), InstallViewer: signedIn });
    renderInstall();

    expect(await screen.findByText('This account cannot add stores')).toBeInTheDocument();
    expect(screen.getByText(/Ask an admin of your agency for an invitation/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect store' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use another account' })).toBeInTheDocument();
  });
});
