import { expect, type Page } from '@playwright/test';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A suffix that keeps this run's accounts and shops apart from any other's. */
export function uniqueRun(): string {
  return `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** How far the page scrolls sideways; 0 when it fits. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/**
 * Saves artifacts/<name>-<width>.png at desktop and phone widths, then returns
 * to the desktop size. Our own pages must not scroll sideways; pages of an
 * emulated provider are only photographed (`ours: false`).
 */
export async function snap(page: Page, name: string, { ours = true } = {}) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    // Scrolled, a full-page photo draws the fixed header and sticky bars in the middle of the page.
    await page.evaluate('window.scrollTo(0, 0)');
    if (ours) await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
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

/** Signs up a new agency owner and opens a new workspace; returns the workspace's address and the owner's email. */
export async function signUpWithWorkspace(page: Page, run: string, workspace = 'Acme Store') {
  const email = `owner-${run}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Agency name').fill('Northwind Sandbox');
  await page.getByLabel('Your name').fill('Sandy Sandbox');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create agency' }).click();
  await expect(page).toHaveURL(/\/agencies\/[^/]+$/);

  await page.getByRole('button', { name: 'Create workspace' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create workspace' });
  await dialog.getByLabel('Name').fill(workspace);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: workspace, exact: true }).click();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);
  await expect(page.getByRole('heading', { name: workspace, level: 2 })).toBeVisible();
  return { workspaceUrl: page.url(), email };
}

/** Names of the GraphQL operations the page sends, as they are sent. */
export function recordOperations(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/graphql')) return;
    const query = (request.postDataJSON() as { query?: string } | null)?.query ?? '';
    const name = /(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
    if (name) names.push(name);
  });
  return names;
}

/** Connects Shopify through the sandbox's consent page, and waits until the hub subscribed to its orders. */
export async function connectSandboxShopify(page: Page, workspaceUrl: string, shop: string) {
  await page.goto(`${workspaceUrl}/marketplace/shopify`);
  await page.getByLabel(/^Shop domain/).fill(shop);
  await page.getByRole('button', { name: 'Continue to Shopify' }).click();
  await page.getByRole('button', { name: 'Install app' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  await expect(page.getByRole('article', { name: 'Shopify' }).getByText('Active', { exact: true })).toBeVisible();
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/sandbox/shopify/_control/shops/${shop}/webhooks`);
        const body = (await res.json()) as { subscriptions?: { topic: string }[] };
        return (body.subscriptions ?? []).map((s) => s.topic);
      },
      { timeout: 15_000 },
    )
    .toContain('ORDERS_CREATE');
}

/** Connects HubSpot through the sandbox portal's consent page. */
export async function connectSandboxHubSpot(page: Page, workspaceUrl: string) {
  await page.goto(`${workspaceUrl}/marketplace/hubspot`);
  await page.getByRole('button', { name: 'Continue to HubSpot' }).click();
  await expect(page).toHaveURL(/\/sandbox\/hubspot\/.*authorize/);
  await page.getByRole('button', { name: 'Connect app' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  await expect(page.getByRole('article', { name: 'HubSpot' }).getByText('Active', { exact: true })).toBeVisible();
}

/** The WooCommerce sandbox's demo store and its published read/write key (see connectors/woocommerce/sandbox). */
export const WOO_DEMO = {
  storeUrl: 'https://demo-store.example',
  consumerKey: 'ck_sandbox_demo',
  consumerSecret: 'cs_sandbox_demo',
};

/**
 * Connects WooCommerce to the sandbox's demo store. WooCommerce has no OAuth: the store URL,
 * key and secret are typed, and the hub checks them with the store before saving. The webhook
 * secret is what the merchant would set on the store's webhooks (none are registered here).
 */
export async function connectSandboxWooCommerce(page: Page, workspaceUrl: string, webhookSecret = 'sandbox-webhook-secret') {
  await page.goto(`${workspaceUrl}/marketplace/woocommerce`);
  await page.getByRole('textbox', { name: /^Store URL/ }).fill(WOO_DEMO.storeUrl);
  await page.getByLabel(/^Consumer key/).fill(WOO_DEMO.consumerKey);
  await page.getByLabel(/^Consumer secret/).fill(WOO_DEMO.consumerSecret);
  await page.getByLabel(/^Webhook secret/).fill(webhookSecret);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  await expect(page.getByRole('article', { name: 'WooCommerce' }).getByText('Active', { exact: true })).toBeVisible();
}

/** A product of the WooCommerce demo store, read through its REST API (wc/v3) with the demo key. */
export async function wooDemoProduct(page: Page, sku: string): Promise<{ sku: string; stock_quantity: number | null } | undefined> {
  const auth = Buffer.from(`${WOO_DEMO.consumerKey}:${WOO_DEMO.consumerSecret}`).toString('base64');
  const res = await page.request.get(`/sandbox/woocommerce/demo-store.example/wp-json/wc/v3/products?sku=${encodeURIComponent(sku)}`, {
    headers: { Authorization: `Basic ${auth}` },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { sku: string; stock_quantity: number | null }[]).find((p) => p.sku === sku);
}
