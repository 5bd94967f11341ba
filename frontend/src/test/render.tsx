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

/** Renders `element` at `url` (query string allowed) with Mantine, the real urql client and a memory router. */
export function renderPage(element: ReactElement, url = '/', onUnauthenticated = vi.fn()) {
  const path = url.split('?')[0];
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [url] },
  );
  const result = render(
    <MantineProvider>
      <ClientProvider onUnauthenticated={onUnauthenticated}>
        <RouterProvider router={router} />
      </ClientProvider>
    </MantineProvider>,
  );
  return { ...result, router, onUnauthenticated };
}
