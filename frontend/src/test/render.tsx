import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { ClientProvider } from '../components/ClientProvider';

/** Answers every POST /graphql with `body` and records the requests. */
export function stubGraphQL(body: unknown) {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

type Answer = Record<string, unknown>;
type Variables = Record<string, unknown>;

/**
 * Answers each POST /graphql by operation name (an answer, or a function of the
 * variables for answers that change) and records what was sent, in order.
 */
export function stubOperations(answers: Record<string, Answer | ((variables: Variables) => Answer)>) {
  const calls: { operationName: string; variables: Variables }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { query: string; variables: Variables };
      const operationName = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
      calls.push({ operationName, variables: body.variables });
      const answer = answers[operationName] ?? { data: null, errors: [{ message: `unexpected ${operationName}` }] };
      const json = typeof answer === 'function' ? answer(body.variables) : answer;
      return new Response(JSON.stringify(json), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

/**
 * Renders `element` at `url` (query string allowed) with Mantine, the real urql client and a memory router.
 * `path` is the route's pattern when the page reads parameters (e.g. `/invite/:token`).
 */
export function renderPage(element: ReactElement, url = '/', onUnauthenticated = vi.fn(), path = url.split('?')[0]) {
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [url] },
  );
  const result = render(
    // env="test": no transitions and no portals, so dropdowns and modals are in place at once.
    <MantineProvider env="test">
      <ClientProvider onUnauthenticated={onUnauthenticated}>
        <RouterProvider router={router} />
      </ClientProvider>
    </MantineProvider>,
  );
  return { ...result, router, onUnauthenticated };
}
