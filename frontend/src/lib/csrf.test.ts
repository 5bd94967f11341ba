import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER, graphqlFetchOptions, readCsrfToken } from './csrf';

describe('readCsrfToken', () => {
  it('finds sb_csrf among other cookies', () => {
    expect(readCsrfToken('theme=dark; sb_csrf=abc%3D123; other=1')).toBe('abc=123');
  });

  it('is undefined without the cookie', () => {
    expect(readCsrfToken('theme=dark; xsb_csrf=nope')).toBeUndefined();
    expect(readCsrfToken('')).toBeUndefined();
  });
});

describe('graphqlFetchOptions', () => {
  afterEach(() => {
    document.cookie = 'sb_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('reads the current cookie on every call', () => {
    document.cookie = 'sb_csrf=first';
    expect(graphqlFetchOptions().headers).toEqual({ [CSRF_HEADER]: 'first' });
    document.cookie = 'sb_csrf=second';
    expect(graphqlFetchOptions().headers).toEqual({ [CSRF_HEADER]: 'second' });
  });

  it('sends same-origin credentials and no header without a cookie', () => {
    expect(graphqlFetchOptions('')).toEqual({ credentials: 'same-origin', headers: {} });
  });
});
