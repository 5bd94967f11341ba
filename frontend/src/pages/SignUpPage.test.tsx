import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubGraphQL } from '../test/render';
import { SignUpPage } from './SignUpPage';

async function fillForm(password: string) {
  await userEvent.type(screen.getByLabelText(/agency name/i), 'Acme Agency');
  await userEvent.type(screen.getByLabelText(/your name/i), 'Ann');
  await userEvent.type(screen.getByLabelText(/^email/i, { selector: 'input' }), 'taken@example.com');
  await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), password);
  await userEvent.click(screen.getByRole('button', { name: 'Create agency' }));
}

describe('SignUpPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows VALIDATION_FAILED messages under their fields', async () => {
    stubGraphQL({
      data: null,
      errors: [
        {
          message: 'invalid input',
          extensions: { code: 'VALIDATION_FAILED', fields: { email: 'This email is already registered.' } },
        },
      ],
    });
    renderPage(<SignUpPage />, '/signup');
    await fillForm('long-enough-password');

    expect(await screen.findByText('This email is already registered.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^email/i, { selector: 'input' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('checks the password length before asking the server', async () => {
    const fetchMock = stubGraphQL({});
    renderPage(<SignUpPage />, '/signup');
    await fillForm('short');

    expect(await screen.findByText('Use at least 10 characters.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
