export const CSRF_COOKIE = 'sb_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Reads the CSRF token the server put in the (non-HttpOnly) `sb_csrf` cookie. */
export function readCsrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === CSRF_COOKIE) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

/** Fetch options for every POST to /graphql, built per request so a fresh cookie is used. */
export function graphqlFetchOptions(cookies?: string): RequestInit {
  const token = readCsrfToken(cookies);
  return {
    credentials: 'same-origin',
    headers: token ? { [CSRF_HEADER]: token } : {},
  };
}
