import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { stubGraphQL } from '../test/render';
import { AgencyShell } from './AgencyShell';
import { ClientProvider } from './ClientProvider';

const membership = (id: string, name: string) => ({
  __typename: 'Membership',
  id: `m-${id}`,
  role: 'OWNER',
  agency: { __typename: 'Agency', id, name },
});

function viewer(...memberships: ReturnType<typeof membership>[]) {
  return {
    data: {
      viewer: {
        __typename: 'Viewer',
        user: { __typename: 'User', id: 'u1', name: 'Olivia Owner', email: 'olivia@example.com' },
        memberships,
      },
    },
  };
}

function renderShell(url: string) {
  const router = createMemoryRouter(
    [{ path: '/agencies/:agencyId', element: <AgencyShell />, children: [{ index: true, element: <p>page</p> }] }],
    { initialEntries: [url] },
  );
  return render(
    <MantineProvider>
      <ClientProvider onUnauthenticated={vi.fn()}>
        <RouterProvider router={router} />
      </ClientProvider>
    </MantineProvider>,
  );
}

describe('AgencyShell header', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("names the current agency next to the product, without a switcher for a single agency", async () => {
    stubGraphQL(viewer(membership('a1', 'Northwind Digital')));
    renderShell('/agencies/a1');

    const header = await screen.findByRole('banner');
    expect(within(header).getByRole('heading', { name: 'Switchboard' })).toBeInTheDocument();
    expect(await within(header).findByText('Northwind Digital')).toHaveAttribute('title', 'Northwind Digital');
    expect(screen.queryByRole('combobox', { name: 'Agency' })).not.toBeInTheDocument();
    expect(screen.getByText('page')).toBeInTheDocument();
  });

  it('keeps the switcher when the user has several agencies', async () => {
    stubGraphQL(viewer(membership('a1', 'Northwind Digital'), membership('a2', 'Southwind Media')));
    renderShell('/agencies/a2');

    const header = await screen.findByRole('banner');
    // The name for phones, the switcher (showing the same agency) for wide screens…
    expect(await within(header).findByText('Southwind Media')).toBeInTheDocument();
    expect(within(header).getByRole('combobox', { name: 'Agency' })).toHaveValue('Southwind Media');
    // …and another switcher in the phone navigation drawer.
    expect(within(screen.getByRole('navigation', { name: 'Agency' })).getByRole('combobox', { name: 'Agency' })).toBeInTheDocument();
  });

  it('names no agency the user is not a member of', async () => {
    stubGraphQL(viewer(membership('a1', 'Northwind Digital')));
    renderShell('/agencies/nope');

    expect(await screen.findByText(/not a member of it/)).toBeInTheDocument();
    expect(within(screen.getByRole('banner')).queryByText('Northwind Digital')).not.toBeInTheDocument();
  });
});
