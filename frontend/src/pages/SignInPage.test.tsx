import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubGraphQL } from '../test/render';
import { SignInPage } from './SignInPage';

describe('SignInPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the server's message for a wrong password and stays put", async () => {
    stubGraphQL({
      data: null,
      errors: [{ message: 'Invalid email or password.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const { router } = renderPage(<SignInPage />, '/signin');

    await userEvent.type(screen.getByLabelText(/^email/i, { selector: 'input' }), 'ann@example.com');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password.');
    expect(router.state.location.pathname).toBe('/signin');
  });

  it('returns to the page it was sent from', async () => {
    stubGraphQL({ data: { signIn: { __typename: 'AuthPayload', viewer: { __typename: 'Viewer', user: { __typename: 'User', id: 'u1' } } } } });
    const { router } = renderPage(<SignInPage />, '/signin?next=%2Fagencies%2Fa1%2Faudit');

    await userEvent.type(screen.getByLabelText(/^email/i, { selector: 'input' }), 'ann@example.com');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/audit'));
  });
});
