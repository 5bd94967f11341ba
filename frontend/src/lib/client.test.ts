import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQL } from '../test/render';
import { createAppClient, isRefusal, SKIP_AUTH_REDIRECT } from './client';

const query = 'query Probe { viewer { user { id } } }';
const unauthenticated = { data: null, errors: [{ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }] };

describe('createAppClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.cookie = 'sb_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('POSTs with the CSRF header from the cookie and same-origin credentials', async () => {
    const fetchMock = stubGraphQL({ data: { viewer: { user: { id: '1', __typename: 'User' }, __typename: 'Viewer' } } });
    document.cookie = 'sb_csrf=token-1';
    const { client, dispose } = createAppClient({ onUnauthenticated: vi.fn() });
    await client.query(query, {}).toPromise();
    dispose();

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('X-CSRF-Token')).toBe('token-1');
  });

  it('calls onUnauthenticated when the server answers UNAUTHENTICATED', async () => {
    stubGraphQL(unauthenticated);
    const onUnauthenticated = vi.fn();
    const { client, dispose } = createAppClient({ onUnauthenticated });
    const result = await client.query(query, {}).toPromise();
    dispose();
    expect(result.error?.graphQLErrors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not redirect when the operation expects UNAUTHENTICATED', async () => {
    stubGraphQL(unauthenticated);
    const onUnauthenticated = vi.fn();
    const { client, dispose } = createAppClient({ onUnauthenticated });
    await client.query(query, {}, SKIP_AUTH_REDIRECT).toPromise();
    dispose();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe('isRefusal', () => {
  it('stops retrying on 4401 and 4403 only', () => {
    expect(isRefusal({ code: 4401 })).toBe(true);
    expect(isRefusal({ code: 4403 })).toBe(true);
    expect(isRefusal({ code: 1006 })).toBe(false);
    expect(isRefusal(new Error('boom'))).toBe(false);
  });
});
