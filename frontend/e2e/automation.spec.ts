import { expect, test, type Page } from '@playwright/test';
import { connectSandboxShopify, signUpWithWorkspace, snap, uniqueRun } from './support';

/** Connects SMTP with the settings the sandbox mailbox page gives. */
async function connectSandboxSmtp(page: Page, workspaceUrl: string) {
  const mailbox = await page.context().newPage();
  await mailbox.goto('/sandbox/smtp/');
  const settings = (await mailbox.locator('p', { hasText: 'Connect "Email (SMTP)"' }).innerText()).replace(/\s+/g, ' ');
  const [, host, port] = /host (\S+), port (\d+), TLS none/.exec(settings) ?? [];
  await mailbox.close();
  expect(host).toBeTruthy();

  await page.goto(`${workspaceUrl}/marketplace/smtp`);
  await page.getByRole('textbox', { name: /^Host/ }).fill(host);
  await page.getByLabel(/^Port/).fill(port);
  await page.getByRole('combobox', { name: 'TLS' }).click();
  await page.getByRole('option', { name: 'none', exact: true }).click();
  await page.getByLabel(/^Sender address/).fill('shop@example.com');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  await expect(page.getByRole('article', { name: 'Email (SMTP)' }).getByText('Active', { exact: true })).toBeVisible();
}

test('an order placed in the sandbox shop runs the order confirmation recipe, live, into the sandbox mailbox', async ({ page }) => {
  test.setTimeout(120_000);
  const run = uniqueRun();
  const shop = `flow-${run}.myshopify.com`;
  const customer = `ada-${run}@example.com`;
  const { workspaceUrl } = await signUpWithWorkspace(page, run);

  await connectSandboxSmtp(page, workspaceUrl);
  await connectSandboxShopify(page, workspaceUrl, shop);

  // Rules: empty, pointing at the recipe gallery.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/rules`);
  await expect(page.getByText('No rules yet')).toBeVisible();
  const recipe = page.getByRole('article', { name: 'Order confirmation' });
  await expect(recipe).toContainText('Email (SMTP)');
  await snap(page, 'rules-empty');

  // Add the recipe: it opens in the editor, switched off, version 1.
  await recipe.getByRole('button', { name: 'Add Order confirmation' }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}/rules/[^/]+$`));
  await expect(page.getByRole('heading', { name: 'Order confirmation', level: 2 })).toBeVisible();
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  const step1 = page.getByRole('region', { name: 'Step 1' });
  await expect(step1.getByRole('textbox', { name: /^Subject/ })).toHaveValue('Order {{order.number}} confirmed');
  await expect(step1.getByRole('combobox', { name: /^Connection/ })).toHaveValue('Email (SMTP)');

  // The subject previews with a sample order; the HTML body in a sandboxed frame.
  await step1.getByRole('button', { name: 'Preview Subject' }).click();
  await expect(step1.getByLabel('Preview of Subject', { exact: true })).toContainText(/^Order #\S+ confirmed$/);
  await step1.getByRole('button', { name: 'Preview HTML body' }).click();
  const frame = step1.locator('iframe[title="Preview of HTML body"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(frame.contentFrame().getByText(/Thank you for your order/)).toBeVisible();

  // A dry run says what would be sent, without sending.
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  const result = page.getByRole('dialog', { name: 'Test result' });
  await expect(result.getByText('The condition holds')).toBeVisible();
  await expect(result.getByRole('list', { name: 'Step outcomes' })).toContainText('Email (SMTP): send email');
  await result.getByRole('button', { name: 'Close' }).click();
  await snap(page, 'rule-editor');

  // Back to the list; switch it on.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Rules' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/rules`);
  const toggle = page.getByRole('switch', { name: 'Order confirmation on' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Order confirmation on' })).toBeChecked();
  await snap(page, 'rules-list');

  // Runs: empty, watched live.
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/runs`);
  await expect(page.getByText('No runs yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await page.evaluate('window.notReloaded = true');

  // The shop takes an order.
  const now = new Date().toISOString();
  const delivered = await page.request.post(`/sandbox/shopify/_control/shops/${shop}/webhooks`, {
    data: {
      topic: 'orders/create',
      payload: {
        id: 820982911946154,
        name: '#1001',
        email: customer,
        total_price: '98.00',
        currency: 'USD',
        financial_status: 'paid',
        created_at: now,
        updated_at: now,
        line_items: [{ id: 1, title: 'Linen shirt', quantity: 1, price: '98.00', sku: 'SHIRT' }],
        customer: { id: 207119551, email: customer, first_name: 'Ada', last_name: 'Lovelace' },
      },
    },
  });
  expect(delivered.ok()).toBe(true);
  const deliveries = ((await delivered.json()) as { deliveries: { status: number }[] }).deliveries;
  expect(deliveries.length).toBeGreaterThan(0);
  expect(deliveries.every((d) => d.status === 200)).toBe(true);

  // The run appears and succeeds without a reload.
  const row = page.getByRole('row').filter({ hasText: customer });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('Order confirmation');
  await expect(row).toContainText('order.created');
  await expect(page.getByText('No runs yet')).toHaveCount(0);
  expect(await page.evaluate<boolean>('window.notReloaded === true')).toBe(true);
  await snap(page, 'runs');

  // Its detail: the email step succeeded.
  await row.getByRole('link', { name: /^Open run of Order confirmation/ }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}/runs/[^/]+$`));
  await expect(page.getByRole('heading', { name: 'Run of Order confirmation' })).toBeVisible();
  const email = page.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ hasText: 'Email (SMTP): send email' });
  await expect(email).toHaveCount(1);
  await expect(email.getByText('Succeeded')).toBeVisible();
  await expect(page.getByRole('region', { name: 'About this run' })).toContainText(`${customer} · Ada Lovelace`);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await snap(page, 'run-detail');

  // The mail arrived in the sandbox mailbox.
  await page.goto('/sandbox/smtp/');
  await expect(page.getByRole('article').filter({ hasText: '#1001' }).filter({ hasText: customer })).toHaveCount(1);
  const messages = (await (await page.request.get('/sandbox/smtp/messages.json')).json()) as { to: string[]; subject: string }[];
  expect(messages.find((m) => m.to.includes(customer))?.subject).toContain('#1001');
});

test('the rule editor maps a server problem onto its input and guards unsaved changes', async ({ page }) => {
  test.setTimeout(60_000);
  const run = uniqueRun();
  const { workspaceUrl } = await signUpWithWorkspace(page, run);
  await connectSandboxSmtp(page, workspaceUrl);

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('link', { name: 'New rule' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/rules/new`);
  await page.getByRole('textbox', { name: /^Name/ }).fill('Thanks');
  await page.getByRole('combobox', { name: /^Trigger event/ }).click();
  await page.getByRole('option', { name: /^order\.created/ }).click();
  await page.getByRole('button', { name: 'Add action to the rule' }).click();
  const step = page.getByRole('region', { name: 'Step 1' });
  await step.getByRole('combobox', { name: /^Connection/ }).click();
  await page.getByRole('option', { name: 'Email (SMTP)' }).click();
  await step.getByRole('textbox', { name: /^To/ }).fill('{{customer.email}}');
  await step.getByRole('textbox', { name: /^Subject/ }).fill('Thanks for {{ordr.number}}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const subject = step.getByRole('textbox', { name: /^Subject/ });
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  await expect(step).toContainText('ordr');
  await expect(page).toHaveURL(`${workspaceUrl}/rules/new`);

  // Leaving asks first.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Rules' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/rules/new`);

  await subject.fill('Thanks for {{order.number}}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}/rules/[^/]+$`));
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await expect(page.getByText('All changes saved')).toBeVisible();
});
