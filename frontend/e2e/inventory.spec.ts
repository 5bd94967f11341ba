import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectSandboxShopify, connectSandboxWooCommerce, signUpWithWorkspace, snap, uniqueRun, wooDemoProduct } from './support';

/** Picks an option of a Mantine Select (its dropdown is in a portal). */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/** A channel's cell of a SKU's row in the stock table. */
const level = (row: Locator, channel: string) => row.locator(`td[data-channel="${channel}"]`);

test('Inventory keeps a Shopify store and a WooCommerce store equal, live, and records every adjustment', async ({ page }) => {
  test.setTimeout(180_000);
  const run = uniqueRun();
  const shop = `inventory-${run}.myshopify.com`;
  const { workspaceUrl, email } = await signUpWithWorkspace(page, run);

  // 1. Two stores. Sandbox demo data is off in e2e: the Shopify shop gets two products by SKU; the
  //    WooCommerce demo store sells them too (Hoodie 25, Cap 5 when the hub starts) with its other
  //    sample products. The demo store lives as long as the hub, so a repeated run finds the cap
  //    where the last one left it: Shopify's cap is two more than whatever WooCommerce has.
  const wooCap = (await wooDemoProduct(page, 'woo-cap'))?.stock_quantity ?? 0;
  const capStock = wooCap + 2;
  await connectSandboxShopify(page, workspaceUrl, shop);
  const seeded = await page.request.post(`/sandbox/shopify/_control/shops/${shop}/products`, {
    data: {
      products: [
        { title: 'Hoodie', sku: 'woo-hoodie', available: 25 },
        { title: 'Cap', sku: 'woo-cap', available: capStock },
      ],
    },
  });
  expect(seeded.ok(), await seeded.text()).toBe(true);
  await connectSandboxWooCommerce(page, workspaceUrl);

  // 2. Inventory is off: it says what it does, and nothing is matched yet.
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/inventory`);
  const policy = page.getByRole('region', { name: 'Inventory sync' });
  await expect(policy).toContainText(
    'An order in one store lowers stock in the others within seconds; nightly reconciliation repairs drift.',
  );
  await expect(page.getByText('No products matched yet')).toBeVisible();
  await expect(page.getByText('No adjustments yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();

  // 3. Both stores, Shopify's stock wins; nightly at 03:00.
  const form = policy.getByRole('form', { name: 'Inventory policy' });
  await form.getByRole('checkbox', { name: 'Shopify', exact: true }).check();
  await form.getByRole('checkbox', { name: 'WooCommerce', exact: true }).check();
  await choose(page, form.getByRole('combobox', { name: /^Source of truth/ }), 'Shopify');
  await expect(form.getByRole('textbox', { name: /^Reconcile schedule/ })).toHaveValue('0 3 * * *');
  await expect(form).toContainText("03:00 every night in the store's time zone (UTC).");
  await expect(form.getByRole('switch', { name: /^Enabled/ })).toBeChecked();
  await snap(page, 'inventory-policy');
  await form.getByRole('button', { name: 'Save policy' }).click();

  await expect(page.getByText('Inventory policy saved')).toBeVisible();
  await expect(policy.getByTestId('inventory-channels')).toHaveText('Shopify ⇄ WooCommerce');
  await expect(policy).toContainText('Source of truth');
  await expect(policy).toContainText('Next reconciliation');
  await expect(form).toHaveCount(0);

  // 4. Saving started a reconciliation that matches products by SKU; it ends on its own.
  const bar = page.getByRole('region', { name: 'Reconciliation' });
  await expect(bar).toContainText('Policy saved');
  await expect(bar.getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(bar.getByRole('button', { name: 'Reconcile now' })).toBeEnabled();

  const table = page.getByRole('table', { name: 'Stock' });
  await expect(table.getByRole('columnheader', { name: 'Shopify', exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'WooCommerce', exact: true })).toBeVisible();
  const hoodie = table.getByRole('row', { name: 'woo-hoodie', exact: true });
  await expect(hoodie.getByTestId('hub-stock')).toHaveText('25');
  await expect(level(hoodie, 'Shopify')).toHaveText('25');
  await expect(level(hoodie, 'WooCommerce')).toHaveText('25');
  // The cap took Shopify's stock: WooCommerce's, two fewer, was repaired.
  const cap = table.getByRole('row', { name: 'woo-cap', exact: true });
  await expect(cap.getByTestId('hub-stock')).toHaveText(String(capStock));
  await expect(level(cap, 'Shopify')).toHaveText(String(capStock));
  await expect(level(cap, 'WooCommerce')).toHaveText(String(capStock), { timeout: 30_000 });
  await expect(cap.getByText('Drift', { exact: true })).toHaveCount(0);
  // A sample product Shopify does not sell.
  await expect(level(table.getByRole('row', { name: 'woo-tshirt', exact: true }), 'Shopify')).toHaveAttribute('data-state', 'missing');
  await expect.poll(async () => (await wooDemoProduct(page, 'woo-cap'))?.stock_quantity, { timeout: 15_000 }).toBe(capStock);
  await snap(page, 'inventory');

  // 5. Set the cap's stock to 3 in the row: out-of-range stock is refused before it is sent.
  await cap.getByRole('button', { name: 'Set stock of woo-cap' }).click();
  const input = cap.getByRole('textbox', { name: 'New stock of woo-cap' });
  await input.fill('-1');
  await cap.getByRole('button', { name: 'Save stock of woo-cap' }).click();
  await expect(cap.getByText('Stock must be a whole number from 0 to 1,000,000.')).toBeVisible();
  await input.fill('3');
  await cap.getByRole('button', { name: 'Save stock of woo-cap' }).click();
  await expect(page.getByText('woo-cap: stock set to 3; every channel follows.')).toBeVisible();
  await expect(input).toHaveCount(0);

  // Both channels follow, live, without a reload.
  await expect(cap.getByTestId('hub-stock')).toHaveText('3');
  await expect(level(cap, 'Shopify')).toHaveText('3', { timeout: 30_000 });
  await expect(level(cap, 'WooCommerce')).toHaveText('3', { timeout: 30_000 });
  await expect(cap.locator('td[data-state="ok"]')).toHaveCount(2);
  await expect(cap.getByText('Drift', { exact: true })).toHaveCount(0);
  await expect.poll(async () => (await wooDemoProduct(page, 'woo-cap'))?.stock_quantity, { timeout: 15_000 }).toBe(3);

  // 6. The adjustments: the reconciliation's repair of WooCommerce, and the manual change.
  const adjustments = page.getByRole('table', { name: 'Recent adjustments' });
  const manual = adjustments.locator('tbody tr[data-cause="MANUAL"]').filter({ hasText: 'woo-cap' });
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('Manual');
  await expect(manual).toContainText(`${capStock} → 3 (−${capStock - 3})`);
  await expect(manual).toContainText(`set by ${email}`);
  const repaired = adjustments.locator('tbody tr[data-cause="RECONCILIATION"]').filter({ hasText: 'woo-cap' });
  const repair = `${wooCap} → ${capStock} (+2)`;
  await expect(repaired.filter({ hasText: repair })).toHaveCount(1);
  await expect(repaired.filter({ hasText: repair })).toContainText('WooCommerce');
  await snap(page, 'inventory-set-stock');

  // 7. The cap's own adjustments, then all again.
  await cap.getByRole('button', { name: 'Show adjustments of woo-cap' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/inventory?sku=woo-cap`);
  await expect(adjustments.locator('tbody tr').filter({ hasNotText: 'woo-cap' })).toHaveCount(0);
  await expect(adjustments.locator('tbody tr[data-cause="MANUAL"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/inventory`);
});
