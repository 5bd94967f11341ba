import { expect, test, type Page } from '@playwright/test';
import { snap, uniqueRun } from './support';

const LANDING_TITLE = 'Finish installing Switchboard on ';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The sandbox's Shopify App Store listing → "Install app" → the hub verifies the
 * request → the sandbox's consent page → "Install app" → the hub's landing page.
 * Returns the store's name as the landing page shows it.
 */
async function installFromAppStore(page: Page, shop: string): Promise<string> {
  await page.goto('/sandbox/shopify/apps/switchboard');
  await page.getByLabel('Shop domain').fill(shop);
  await page.getByRole('button', { name: 'Install app' }).click();

  await expect(page).toHaveURL(new RegExp(`/sandbox/shopify/${escapeRegExp(shop)}/admin/oauth/authorize\\?`));
  await expect(page.getByRole('heading', { name: /^Install app on / })).toBeVisible();
  await expect(page.getByText(shop, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Install app' }).click();

  await expect(page).toHaveURL(/\/install\/[^/?#]+$/);
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^${LANDING_TITLE}`) });
  await expect(heading).toBeVisible();
  await expect(page.getByText(`Shopify · ${shop}`, { exact: true })).toBeVisible();
  return ((await heading.textContent()) ?? '').slice(LANDING_TITLE.length);
}

/** The workspace's connections, with the installed store's connection active. */
async function expectActiveStore(page: Page, storeName: string, shop: string) {
  await expect(page).toHaveURL(/\/agencies\/[^/]+\/workspaces\/[^/]+\/connections$/); // ?connected=… read, then cleaned away
  await expect(page.getByText(`“${storeName}” is connected and ready to use.`)).toBeVisible();
  const cards = page.getByRole('article', { name: storeName, exact: true });
  await expect(cards).toHaveCount(1);
  await expect(cards.getByText('Active', { exact: true })).toBeVisible();
  await expect(cards.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(cards).toContainText(shop);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('install from the Shopify App Store, sign up on the landing page, then reinstall into the same workspace', async ({ page }) => {
  test.setTimeout(60_000);
  const run = uniqueRun();
  const shop = `e2e-install-${run}.myshopify.com`;

  // Signed out: the landing page offers an account, with the store's name as the agency's.
  const storeName = await installFromAppStore(page, shop);
  expect(storeName).not.toBe('');
  await expect(page.getByRole('radio', { name: 'Create an account' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'I have an invitation' })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: 'Sign in' })).not.toBeChecked();
  await expect(page.getByLabel(/^Agency name/)).toHaveValue(storeName);
  await snap(page, 'install-landing');

  // Create an account: the store lands in a new workspace named after it.
  await page.getByLabel(/^Your name/).fill('Mira Merchant');
  await page.getByLabel(/^Email/).fill(`merchant-${run}@example.com`);
  await page.getByLabel(/^Password/).fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create account and install' }).click();
  await expectActiveStore(page, storeName, shop);
  await expect(page.getByRole('heading', { name: storeName, level: 2 })).toBeVisible();
  const workspaceUrl = page.url();
  await snap(page, 'install-done');

  // Installed again, now signed in: the chooser preselects the workspace that has
  // the store, and completing there renews its connection instead of adding one.
  await installFromAppStore(page, shop);
  const choices = page.getByRole('radiogroup', { name: 'Where should the store go?' });
  const connected = choices.getByRole('radio', { name: new RegExp(`^${escapeRegExp(storeName)}`) });
  await expect(connected).toBeChecked();
  await expect(choices.getByText('Already connected — will be renewed')).toBeVisible();
  await expect(choices.getByRole('radio', { name: `New workspace in ${storeName}` })).not.toBeChecked();
  await snap(page, 'install-chooser');
  const landingUrl = page.url();
  await page.getByRole('button', { name: 'Connect store' }).click();
  await expectActiveStore(page, storeName, shop);
  expect(page.url()).toBe(workspaceUrl);

  // The landing link is used up.
  await page.goto(landingUrl);
  await expect(page.getByText(/This install link has expired or was already used\./)).toBeVisible();
});
