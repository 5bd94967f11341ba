import { expect, test, type Page } from '@playwright/test';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Saves artifacts/<name>-<width>.png at desktop and phone widths, then returns to the desktop size. */
async function snap(page: Page, name: string) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
    await page.screenshot({
      path: `artifacts/${name}-${viewport.width}.png`,
      fullPage: true,
      animations: 'disabled',
      // Toasts would cover the header; they are checked by the assertions instead.
      style: '.mantine-Notifications-root { display: none !important; }',
    });
  }
  await page.setViewportSize(DESKTOP);
}

async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'))
    .toBeLessThanOrEqual(0);
}

test('connect an outbound webhook from the marketplace, test it and disconnect it', async ({ page }) => {
  test.setTimeout(40_000);
  const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

  await page.setViewportSize(DESKTOP);
  await page.goto('/signup');
  await page.getByLabel('Agency name').fill('Northwind Connect');
  await page.getByLabel('Your name').fill('Cora Connector');
  await page.getByLabel(/^Email/).fill(`owner-${run}@example.com`);
  await page.getByLabel(/^Password/).fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create agency' }).click();
  await expect(page).toHaveURL(/\/agencies\/[^/]+$/);

  await page.getByRole('button', { name: 'Create workspace' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create workspace' });
  await dialog.getByLabel('Name').fill('Acme Store');
  await dialog.getByRole('button', { name: 'Create' }).click();

  // The workspace page, reached from the list.
  await page.getByRole('link', { name: 'Acme Store', exact: true }).click();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);
  const workspaceUrl = page.url();
  await expect(page.getByRole('heading', { name: 'Acme Store', level: 2 })).toBeVisible();
  await expect(page.getByText('No connections yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await snap(page, 'workspace-empty');

  // Add connection → marketplace → search.
  await page.getByRole('link', { name: 'Add connection' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/marketplace`);
  const cards = page.getByRole('list', { name: 'Connectors' });
  await expect(cards.getByRole('link', { name: /Shopify/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Payments' })).toHaveCount(0); // no connector in it: hidden
  await snap(page, 'marketplace');
  await page.getByLabel('Search connectors').fill('webhook');
  await expect(cards.getByRole('link', { name: /Shopify/ })).toHaveCount(0);
  await cards.getByRole('link', { name: /Outbound webhook/ }).click();

  // The connector page and its generated form.
  await expect(page).toHaveURL(`${workspaceUrl}/marketplace/webhook`);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Acme Store');
  await expect(page.getByRole('heading', { name: 'Outbound webhook', level: 2 })).toBeVisible();
  const url = page.getByLabel(/^Endpoint URL/);
  await url.fill('not a url');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText('Endpoint URL must be an http(s) URL')).toBeVisible();
  await snap(page, 'connector-webhook');
  await url.fill('https://example.com/hooks/switchboard');
  await page.getByLabel(/^Signing secret/).fill('a-long-random-signing-secret-for-tests');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  // Back on the workspace, the new connection is there, highlighted, and the query is gone.
  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  const card = page.getByRole('article', { name: 'Outbound webhook' });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByText('is connected and ready to use')).toBeVisible();
  await expect(card).toHaveAttribute('data-highlighted', 'true');

  // Shopify connects through OAuth: its shop field and the scopes it asks for.
  await page.goto(`${workspaceUrl}/marketplace/shopify`);
  await expect(page.getByLabel(/^Shop domain/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Scopes' })).toContainText('read_orders');
  await expect(page.getByText('Marketing — needs consent')).toHaveCount(0);
  await page.getByLabel(/^Shop domain/).fill('https://acme.myshopify.com');
  await page.getByRole('button', { name: 'Continue to Shopify' }).click();
  await expect(page.getByText('Shop domain must be a shop domain like acme.myshopify.com')).toBeVisible();
  await snap(page, 'connector-shopify');

  // A key-based connector's generated form: a select, a number with its default, a note on the test message.
  await page.goto(`${workspaceUrl}/marketplace/smtp`);
  await expect(page.getByLabel(/^Port/)).toHaveValue('587');
  await expect(page.getByText(/We'll send a test message to owner-/)).toBeVisible();
  await expect(page.getByText('Marketing — needs consent')).toBeVisible();
  await snap(page, 'connector-smtp');

  // Test, then disconnect.
  await page.goto(workspaceUrl);
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  await snap(page, 'workspace');
  await card.getByRole('button', { name: /^Test/ }).click();
  await expect(page.getByText('Connection works')).toBeVisible();
  await card.getByRole('button', { name: /^Disconnect/ }).click();
  const confirm = page.getByRole('dialog', { name: /Disconnect/ });
  await expect(confirm).toContainText('erases its stored credentials');
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  await expect(card.getByRole('link', { name: 'Connect again' })).toBeVisible();
  await snap(page, 'workspace-disconnected');
});
