import { expect, test, type Locator, type Page } from '@playwright/test';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Saves artifacts/<name>-<width>.png at desktop and phone widths, then restores `back`. */
async function snap(page: Page, name: string, back = DESKTOP) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: `artifacts/${name}-${viewport.width}.png`,
      fullPage: true,
      animations: 'disabled',
      // Toasts would cover the header; they are checked by the assertions instead.
      style: '.mantine-Notifications-root { display: none !important; }',
    });
  }
  await page.setViewportSize(back);
}

/** Every action must be reachable without scrolling the page sideways. */
async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'))
    .toBeLessThanOrEqual(0);
}

/** Asserts `button` lies fully inside the viewport. */
async function expectOnScreen(page: Page, button: Locator) {
  const box = await button.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

const password = 'correct-horse-battery';

test('invite a scoped member, change role, archive with undo, revoke a token', async ({ page, context, browser }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const ownerEmail = `owner-${run}@example.com`;
  const memberEmail = `member-${run}@example.com`;
  const agencyName = 'Harbor Lane Digital Commerce Partners';

  // The owner signs up and creates two workspaces.
  await page.setViewportSize(DESKTOP);
  await page.goto('/signup');
  await page.getByLabel('Agency name').fill(agencyName);
  await page.getByLabel('Your name').fill('Olga Owner');
  await page.getByLabel(/^Email/).fill(ownerEmail);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Create agency' }).click();
  await expect(page).toHaveURL(/\/agencies\/[^/]+$/);
  const agencyUrl = page.url();
  await expect(page.getByRole('banner').getByText(agencyName)).toBeVisible();

  for (const name of ['Alpha Market', 'Beta Outlet']) {
    await page.getByRole('button', { name: 'Create workspace' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create workspace' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  }

  // Invite a member limited to the first workspace and copy the link.
  await page.goto(`${agencyUrl}/members`);
  await page.getByRole('button', { name: 'Invite' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite a member' });
  await invite.getByLabel(/^Email/).fill(memberEmail);
  await invite.getByText('Specific workspaces').click();
  await invite.getByLabel('Workspaces', { exact: true }).click();
  await page.getByRole('option', { name: 'Alpha Market' }).click();
  await invite.getByRole('heading', { name: 'Invite a member' }).click(); // closes the dropdown
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const created = page.getByRole('dialog', { name: 'Invitation created' });
  await created.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(created.getByRole('button', { name: 'Invite link copied' })).toBeVisible();
  const inviteUrl = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(inviteUrl).toMatch(/\/invite\/.+/);
  await expect(created.locator('code')).toHaveText(inviteUrl);
  await created.getByRole('button', { name: 'Done' }).click();

  // A fresh browser context (no cookies) accepts it with a new account.
  const memberContext = await browser.newContext({ viewport: DESKTOP });
  const member = await memberContext.newPage();
  await member.goto(new URL(inviteUrl).pathname);
  await expect(member.getByRole('heading', { name: `Join ${agencyName}` })).toBeVisible();
  await expect(member.getByText(`${memberEmail} as Member`)).toBeVisible();
  await member.getByLabel('Your name').fill('Mia Member');
  await member.getByLabel(/^Password/).fill(password);
  await member.getByRole('button', { name: 'Create account and join' }).click();
  await expect(member).toHaveURL(agencyUrl);
  await expect(member.getByRole('banner').getByText(agencyName)).toBeVisible();
  await expect(member.getByRole('cell', { name: 'Alpha Market', exact: true })).toBeVisible();
  await expect(member.getByRole('cell', { name: 'Beta Outlet', exact: true })).toHaveCount(0);
  await expect(member.getByRole('button', { name: /Create (your first )?workspace/ })).toHaveCount(0);
  await snap(member, 'member-workspaces');
  await member.goto(`${agencyUrl}/tokens`);
  await expect(member.getByRole('button', { name: 'Create token' }).first()).toBeVisible();

  // A second, pending invitation for the lists below.
  const pendingEmail = `pending-${run}@example.com`;
  await page.getByRole('button', { name: 'Invite' }).click();
  await invite.getByLabel(/^Email/).fill(pendingEmail);
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  await created.getByRole('button', { name: 'Done' }).click();

  // On a phone, the owner reopens the members page and makes the member a viewer from the member's card.
  await page.setViewportSize(PHONE);
  await page.goto(`${agencyUrl}/members`);
  await expect(page.getByRole('banner').getByText(agencyName)).toBeVisible();
  const memberCard = page.getByRole('listitem', { name: 'Mia Member' });
  await expect(memberCard.getByText('Member', { exact: true })).toBeVisible();
  await expect(page.getByRole('listitem', { name: pendingEmail })).toBeVisible();
  await expectNoHorizontalScroll(page);
  const memberActions = memberCard.getByRole('button', { name: 'Actions for Mia Member' });
  await expectOnScreen(page, memberActions);
  await expectOnScreen(page, page.getByRole('button', { name: `Revoke invitation for ${pendingEmail}` }));
  await memberActions.click();
  await page.screenshot({ path: 'artifacts/members-menu-390.png', animations: 'disabled' });
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  const changeRole = page.getByRole('dialog', { name: 'Change role of Mia Member' });
  await changeRole.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Viewer' }).click();
  await expect(changeRole.getByRole('combobox', { name: 'Workspaces', exact: true })).toBeVisible();
  await changeRole.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Mia Member is now Viewer.')).toBeVisible();
  await expect(memberCard.getByText('Viewer', { exact: true })).toBeVisible();
  await expect(memberCard.getByText('Alpha Market')).toBeVisible();
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole('row', { name: /Mia Member/ }).getByText('Viewer', { exact: true })).toBeVisible();
  await snap(page, 'team-members');

  // The member reloads: no more write actions.
  await member.reload();
  await expect(member.getByRole('heading', { name: 'API tokens', exact: true })).toBeVisible();
  await expect(member.getByRole('heading', { name: 'No API tokens' })).toBeVisible();
  await expect(member.getByRole('button', { name: 'Create token' })).toHaveCount(0);
  await member.goto(agencyUrl);
  await expect(member.getByRole('cell', { name: 'Alpha Market', exact: true })).toBeVisible();
  await expect(member.getByRole('button', { name: /Create (your first )?workspace/ })).toHaveCount(0);
  await expect(member.getByRole('button', { name: 'Actions for Alpha Market' })).toHaveCount(0);
  await memberContext.close();

  // On a phone, the owner revokes the pending invitation after confirming.
  await page.setViewportSize(PHONE);
  await page.getByRole('button', { name: `Revoke invitation for ${pendingEmail}` }).click();
  await page.getByRole('dialog', { name: 'Revoke invitation' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('listitem', { name: pendingEmail })).toHaveCount(0);
  await expect(page.getByText('No pending invitations')).toBeVisible();

  // On a phone, archive a workspace from its card, then undo from the notification.
  await page.goto(agencyUrl);
  const betaCard = page.getByRole('listitem', { name: 'Beta Outlet' });
  await expect(betaCard.getByText('Active')).toBeVisible();
  await expectNoHorizontalScroll(page);
  const betaActions = betaCard.getByRole('button', { name: 'Actions for Beta Outlet' });
  await expectOnScreen(page, betaActions);
  await betaActions.click();
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  await expect(page.getByText('“Beta Outlet” is now read-only.')).toBeVisible();
  await expect(betaCard).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('“Beta Outlet” restored.')).toBeVisible();
  await expect(betaCard.getByText('Active')).toBeVisible();
  await page.getByRole('switch', { name: 'Include archived' }).check();
  await expect(betaCard.getByText('Active')).toBeVisible();
  await expect(page.getByText('Archived', { exact: true })).toHaveCount(0);
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole('row', { name: /Beta Outlet/ }).getByText('Active')).toBeVisible();
  await snap(page, 'team-workspaces');

  // Create an API token, revoke it after confirming, and find it under "Show revoked".
  await page.goto(`${agencyUrl}/tokens`);
  await page.getByRole('button', { name: 'Create token' }).first().click();
  const tokenDialog = page.getByRole('dialog');
  await tokenDialog.getByLabel('Name').fill('Deploy bot');
  await tokenDialog.getByRole('button', { name: 'Create token' }).click();
  await tokenDialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Revoke Deploy bot' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke token' });
  await expect(confirm.getByText('Anything using it stops working immediately.', { exact: false })).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('Token “Deploy bot” revoked.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Deploy bot', exact: true })).toHaveCount(0);
  await expect(page.getByText('No API tokens')).toBeVisible();
  await page.getByRole('switch', { name: 'Show revoked' }).check();
  const tokenRow = page.getByRole('row', { name: /Deploy bot/ });
  await expect(tokenRow.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(tokenRow.getByRole('button', { name: 'Revoke Deploy bot' })).toHaveCount(0);
  await page.setViewportSize(PHONE);
  const tokenCard = page.getByRole('listitem', { name: 'Deploy bot' });
  await expect(tokenCard.getByText('Revoked', { exact: true }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, 'team-tokens');
});
