import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorMessage, formErrors, isPublicPath, isUnauthenticated, safeReturnPath, signInPath } from './errors';

function gqlError(message: string, extensions: Record<string, unknown>) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

describe('formErrors', () => {
  it('puts VALIDATION_FAILED field messages under their fields', () => {
    const error = gqlError('invalid input', {
      code: 'VALIDATION_FAILED',
      fields: { email: 'Enter a valid email.', password: 'Use at least 10 characters.' },
    });
    expect(formErrors(error, ['email', 'password'])).toEqual({
      fields: { email: 'Enter a valid email.', password: 'Use at least 10 characters.' },
      form: undefined,
    });
  });

  it('shows messages for fields the form lacks at form level', () => {
    const error = gqlError('invalid input', { code: 'VALIDATION_FAILED', fields: { agencyId: 'Unknown agency.' } });
    expect(formErrors(error, ['name'])).toEqual({ fields: {}, form: 'Unknown agency.' });
  });

  it('puts CONFLICT under the conflict field', () => {
    const error = gqlError('A workspace with this name already exists.', { code: 'CONFLICT' });
    expect(formErrors(error, ['name'], 'name')).toEqual({
      fields: { name: 'A workspace with this name already exists.' },
    });
  });

  it('puts CONFLICT under the field the server names', () => {
    const error = gqlError('Another workspace has this name.', {
      code: 'CONFLICT',
      fields: { workspaceName: 'Another workspace has this name.' },
    });
    expect(formErrors(error, ['workspaceId', 'workspaceName'], 'workspaceId')).toEqual({
      fields: { workspaceName: 'Another workspace has this name.' },
    });
    expect(formErrors(error, ['email'])).toEqual({ fields: {}, form: 'Another workspace has this name.' });
  });

  it('shows other errors at form level', () => {
    const error = gqlError('Invalid email or password.', { code: 'UNAUTHENTICATED' });
    expect(formErrors(error, ['email', 'password'])).toEqual({ fields: {}, form: 'Invalid email or password.' });
    expect(formErrors(undefined, ['email'])).toEqual({ fields: {} });
  });
});

describe('errorMessage', () => {
  it('hides INTERNAL details but shows the request id', () => {
    const error = gqlError('internal error', { code: 'INTERNAL', requestId: 'req-42' });
    expect(errorMessage(error)).toBe('Something went wrong (request id req-42).');
  });

  it('explains network failures', () => {
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(errorMessage(error)).toMatch(/could not reach the server/i);
  });
});

describe('sign-in redirects', () => {
  it('detects UNAUTHENTICATED', () => {
    expect(isUnauthenticated(gqlError('sign in', { code: 'UNAUTHENTICATED' }))).toBe(true);
    expect(isUnauthenticated(gqlError('no', { code: 'FORBIDDEN' }))).toBe(false);
  });

  it('keeps the return path and refuses other sites', () => {
    expect(signInPath('/agencies/QWdlbmN5OjE=/audit')).toBe('/signin?next=%2Fagencies%2FQWdlbmN5OjE%3D%2Faudit');
    expect(signInPath('/')).toBe('/signin');
    expect(safeReturnPath('/agencies/a')).toBe('/agencies/a');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });

  it('treats sign-in, sign-up, invitations and app installs as public', () => {
    expect(isPublicPath('/signin')).toBe(true);
    expect(isPublicPath('/invite/abc')).toBe(true);
    expect(isPublicPath('/install/abc')).toBe(true);
    expect(isPublicPath('/agencies/a')).toBe(false);
  });
});
