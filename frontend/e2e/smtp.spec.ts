import { expect, test } from '@playwright/test';
import { signUpWithWorkspace, snap, uniqueRun } from './support';

test('connect SMTP to the sandbox mail server and find the test message in its mailbox', async ({ page, context }) => {
  test.setTimeout(40_000);
  const { workspaceUrl, email } = await signUpWithWorkspace(page, uniqueRun());

  await page.goto(`${workspaceUrl}/marketplace/smtp`);
  await expect(page.getByRole('heading', { name: 'Email (SMTP)', level: 2 })).toBeVisible();
  const note = page.getByRole('note', { name: 'Sandbox' });
  await expect(note).toContainText("Try it without a mail account: the sandbox mail server's settings and inbox are at");
  await snap(page, 'connector-smtp-sandbox');

  // The note's link opens the mailbox in a new tab: it says which server to use.
  const link = note.getByRole('link');
  await expect(link).toHaveAttribute('target', '_blank');
  const [mailbox] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(mailbox).toHaveURL(/\/sandbox\/smtp\/$/);
  await expect(mailbox.getByRole('heading', { name: 'Sandbox mailbox' })).toBeVisible();
  const settings = (await mailbox.locator('p', { hasText: 'Connect "Email (SMTP)"' }).innerText()).replace(/\s+/g, ' ');
  const [, host, port] = /host (\S+), port (\d+), TLS none/.exec(settings) ?? [];
  expect(host).toBe('127.0.0.1');
  expect(Number(port)).toBeGreaterThan(0);

  // Connect with those settings: the hub sends the test message before saving.
  await page.bringToFront();
  await page.getByRole('textbox', { name: /^Host/ }).fill(host);
  await page.getByLabel(/^Port/).fill(port);
  await page.getByRole('combobox', { name: 'TLS' }).click();
  await page.getByRole('option', { name: 'none', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'TLS' })).toHaveValue('none');
  await page.getByLabel(/^Sender address/).fill('shop@example.com');
  await expect(page.getByText(`We'll send a test message to ${email}`)).toBeVisible();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  await expect(page).toHaveURL(`${workspaceUrl}/connections`);
  await expect(page.getByText('is connected and ready to use')).toBeVisible();
  const card = page.getByRole('article', { name: 'Email (SMTP)' });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  // The user named the mail server; only emulated providers are labelled sandbox.
  await expect(card.getByText('Sandbox', { exact: true })).toHaveCount(0);

  // The mailbox received the test message, addressed to the signed-in user.
  await mailbox.reload();
  // The mailbox is shared by every spec run against this hub: look for this account's message.
  const message = mailbox.getByRole('article').filter({ hasText: 'Switchboard test message' }).filter({ hasText: email });
  await expect(message).toHaveCount(1);
  await expect(message).toContainText(`to ${email}`);
  await expect(message).toContainText('From shop@example.com');
  const json = (await (await page.request.get('/sandbox/smtp/messages.json')).json()) as { to: string[]; subject: string }[];
  expect(json.find((m) => m.to.includes(email))?.subject).toContain('Switchboard test message');
});
