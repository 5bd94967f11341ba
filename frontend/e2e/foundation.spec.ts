import { expect, test, type Page } from '@playwright/test';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Saves artifacts/<name>-<width>.png at desktop and phone widths. */
async function snap(page: Page, name: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `artifacts/${name}-${viewport.width}.png`, fullPage: true, animations: 'disabled' });
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

const password = 'correct-horse-battery';

test('sign up, workspaces, live audit log, tokens, members, sign out and in', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const email = `owner-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await snap(page, 'signin');

  await page.getByRole('link', { name: 'Create an agency account' }).click();
  await page.getByLabel('Agency name').fill('Northwind Digital');
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await snap(page, 'signup');
  await page.getByRole('button', { name: 'Create agency' }).click();

  await expect(page).toHaveURL(/\/agencies\/[^/]+$/);
  const agencyUrl = page.url();
  await expect(page.getByText('No workspaces yet')).toBeVisible();
  await snap(page, 'workspaces-empty');

  await page.getByRole('button', { name: 'Create workspace' }).first().click();
  const createDialog = page.getByRole('dialog', { name: 'Create workspace' });
  await createDialog.getByLabel('Name').fill('Acme Store');
  await snap(page, 'workspace-create');
  await createDialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('cell', { name: 'Acme Store', exact: true })).toBeVisible();
  await snap(page, 'workspaces');

  await page.setViewportSize(VIEWPORTS[1]);
  await page.getByRole('button', { name: 'Toggle navigation' }).click();
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await page.screenshot({ path: 'artifacts/navbar-open-390.png', animations: 'disabled' });
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.setViewportSize(VIEWPORTS[0]);

  // Page A: the audit log, kept live by the subscription.
  await expect(page).toHaveURL(`${agencyUrl}/audit`);
  await expect(page.getByRole('status')).toHaveText('Live');
  await expect(page.getByText('workspace.created')).toBeVisible();

  // Page B: create an API token; its secret is shown once.
  const pageB = await context.newPage();
  await pageB.goto(`${agencyUrl}/tokens`);
  await expect(pageB.getByText('No API tokens')).toBeVisible();
  await snap(pageB, 'tokens-empty');
  await pageB.getByRole('button', { name: 'Create token' }).first().click();
  const tokenDialog = pageB.getByRole('dialog');
  await tokenDialog.getByLabel('Name').fill('ERP sync');
  await tokenDialog.getByRole('button', { name: 'Create token' }).click();
  await expect(tokenDialog.getByText('It will not be shown again', { exact: false })).toBeVisible();
  await expect(tokenDialog.getByRole('button', { name: 'Copy secret' })).toBeVisible();
  await expect(tokenDialog.getByText(/curl -H "Authorization: Bearer /)).toBeVisible();
  await snap(pageB, 'token-secret');
  await tokenDialog.getByRole('button', { name: 'Copy secret' }).click();
  await tokenDialog.getByRole('button', { name: 'Done' }).click();
  await expect(pageB.getByRole('cell', { name: 'ERP sync', exact: true })).toBeVisible();
  await snap(pageB, 'tokens');

  // Back on page A, without a reload: the new entry streamed in.
  await expect(page.getByText('api_token.created')).toBeVisible();
  await expect(page.getByText('workspace.created')).toBeVisible();
  await snap(page, 'audit');

  // Members and an invitation link.
  await pageB.goto(`${agencyUrl}/members`);
  await expect(pageB.getByRole('cell', { name: email, exact: true })).toBeVisible();
  await pageB.getByRole('button', { name: 'Invite' }).click();
  const inviteDialog = pageB.getByRole('dialog');
  await inviteDialog.getByLabel(/^Email/).fill(`member-${Date.now()}@example.com`);
  await inviteDialog.getByRole('button', { name: 'Create invitation' }).click();
  await expect(inviteDialog.getByText('expires in 7 days', { exact: false })).toBeVisible();
  const inviteUrl = (await inviteDialog.locator('code').first().textContent()) ?? '';
  expect(inviteUrl).toMatch(/\/invite\/.+/);
  await snap(pageB, 'invite-link');
  await inviteDialog.getByRole('button', { name: 'Done' }).click();
  await snap(pageB, 'members');

  // The invitation page as a signed-out visitor.
  const visitor = await page.context().browser()!.newContext();
  const invitee = await visitor.newPage();
  await invitee.goto(new URL(inviteUrl).pathname);
  await expect(invitee.getByRole('button', { name: 'Create account and join' })).toBeVisible();
  await snap(invitee, 'invite-accept');
  await invitee.goto('/no/such/page');
  await expect(invitee.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await snap(invitee, 'not-found');
  await visitor.close();

  // Sign out, a wrong password, then sign in again.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);

  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await snap(page, 'signin-error');

  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(agencyUrl);
  await expect(page.getByRole('cell', { name: 'Acme Store', exact: true })).toBeVisible();
});
