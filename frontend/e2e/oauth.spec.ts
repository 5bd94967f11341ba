import { expect, test } from '@playwright/test';
import { recordOperations, signUpWithWorkspace, snap, uniqueRun } from './support';

test('connect Shopify through the sandbox consent page while another tab watches the workspace live', async ({ page, context }) => {
  test.setTimeout(40_000);
  const run = uniqueRun();
  const shop = `acme-${run}.myshopify.com`;

  // Page A: the workspace page, its connections list kept live by the subscription.
  const { workspaceUrl } = await signUpWithWorkspace(page, run);
  const workspacePath = new URL(workspaceUrl).pathname;
  await expect(page.getByText('No connections yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  // Survives only as long as page A is not reloaded.
  await page.evaluate('window.notReloaded = true');

  // Page B, same browser session: marketplace → Shopify, labelled as the sandbox.
  const pageB = await context.newPage();
  const operations = recordOperations(pageB);
  await pageB.goto(`${workspaceUrl}/marketplace`);
  const shopifyCard = pageB.getByRole('list', { name: 'Connectors' }).getByRole('link', { name: /Shopify/ });
  await expect(shopifyCard.getByText('Sandbox', { exact: true })).toBeVisible();
  await shopifyCard.click();
  await expect(pageB).toHaveURL(`${workspaceUrl}/marketplace/shopify`);
  await expect(pageB.getByRole('note', { name: 'Sandbox' })).toHaveText(
    /This hub runs in sandbox mode: you will consent on Shopify's sandbox, not the real Shopify\./,
  );

  // A shop outside myshopify.com is refused in the form; nothing is started and the page stays.
  const shopField = pageB.getByLabel(/^Shop domain/);
  await shopField.fill('evil.com');
  await pageB.getByRole('button', { name: 'Continue to Shopify' }).click();
  await expect(pageB.getByText('Shop domain must be a shop domain like acme.myshopify.com')).toBeVisible();
  await expect(shopField).toHaveAttribute('aria-invalid', 'true');
  await expect(shopField).toBeFocused();
  await pageB.waitForTimeout(300); // room for a navigation that must not happen
  await expect(pageB).toHaveURL(`${workspaceUrl}/marketplace/shopify`);
  expect(operations).not.toContain('StartConnection');

  // A real shop domain goes to the sandbox's consent page.
  await shopField.fill(shop);
  await pageB.getByRole('button', { name: 'Continue to Shopify' }).click();
  await expect(pageB).toHaveURL(new RegExp(`/sandbox/shopify/${shop.replace(/\./g, '\\.')}/admin/oauth/authorize\\?`));
  expect(operations).toContain('StartConnection');
  await expect(pageB.getByRole('heading', { name: /^Install app on / })).toBeVisible();
  await expect(pageB.getByText(shop, { exact: true })).toBeVisible();
  const scopes = pageB.getByRole('listitem');
  for (const scope of ['read_orders', 'read_customers', 'write_customers']) {
    await expect(scopes.filter({ hasText: new RegExp(`^${scope}$`) })).toHaveCount(1);
  }
  await snap(pageB, 'oauth-consent-shopify', { ours: false });

  // Consent: the hub's callback lands back on the workspace's connections.
  await pageB.getByRole('button', { name: 'Install app' }).click();
  await expect(pageB).toHaveURL(`${workspaceUrl}/connections`); // ?connected=… read, then cleaned away
  await expect(pageB.getByText('Connected', { exact: true })).toBeVisible();
  await expect(pageB.getByText('“Shopify” is connected and ready to use.')).toBeVisible();
  const card = pageB.getByRole('article', { name: 'Shopify' });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  await expect(card.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(card).toContainText(shop); // which shop, once a workspace has several
  await expect(card).toHaveAttribute('data-highlighted', 'true');
  await expect(pageB.getByRole('alert')).toHaveCount(0);

  // Page A saw it arrive, without a reload.
  const liveCard = page.getByRole('article', { name: 'Shopify' });
  await expect(liveCard.getByText('Active', { exact: true })).toBeVisible();
  await expect(liveCard.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(page.getByText('No connections yet')).toHaveCount(0);
  expect(await page.evaluate<boolean>('window.notReloaded === true')).toBe(true);
  expect(new URL(page.url()).pathname).toBe(workspacePath);

  await pageB.goto(workspaceUrl);
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  await snap(pageB, 'workspace-shopify');
});
