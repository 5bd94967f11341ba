import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectSandboxHubSpot, connectSandboxShopify, signUpWithWorkspace, snap, uniqueRun } from './support';

const FIRST_NAMES = ['Ada', 'Bob', 'Chloe', 'Dmitri', 'Emeka', 'Fatima', 'Grace', 'Hiro'];
const LAST_NAMES = ['Lovelace', 'Norman', 'Dubois', 'Ivanov', 'Okafor', 'Haddad', 'Hopper', 'Tanaka'];

/** Picks an option of a Mantine Select (its dropdown is in a portal). */
async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/** Adds a row mapping a source field onto a target field; returns the row. */
async function addRow(page: Page, n: number, target: string, source: string) {
  const fields = page.getByRole('region', { name: 'Fields', exact: true });
  await fields.getByRole('button', { name: 'Add field' }).click();
  const row = page.getByRole('row', { name: `Field ${n}`, exact: true });
  await choose(page, row.getByRole('combobox', { name: `Target field of row ${n}`, exact: true }), target);
  await choose(page, row.getByRole('combobox', { name: `Source field of row ${n}`, exact: true }), source);
  return row;
}

test('Shopify customers sync into HubSpot contacts through a mapping, live, with the failed record explained', async ({ page }) => {
  test.setTimeout(180_000);
  const run = uniqueRun();
  const shop = `sync-${run}.myshopify.com`;
  const mappingName = `Customers to contacts ${run}`;
  const syncName = `Customers nightly ${run}`;
  const badEmail = `bad-phone-${run}@example.com`;
  const { workspaceUrl } = await signUpWithWorkspace(page, run);

  // 1. Both ends connected through their sandboxes.
  await connectSandboxShopify(page, workspaceUrl, shop);
  await connectSandboxHubSpot(page, workspaceUrl);

  // 2. The shop has 450 good customers (emails this run's own, the first with a local US phone) and one whose phone is junk.
  const emails = Array.from({ length: 450 }, (_, i) => `c${i + 1}-${run}@example.com`);
  const seeded = await page.request.post(`/sandbox/shopify/_control/shops/${shop}/customers`, {
    data: {
      customers: [
        ...emails.map((email, i) => ({
          email,
          firstName: FIRST_NAMES[i % FIRST_NAMES.length],
          lastName: LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length],
          phone: i === 0 ? '(201) 555-0123' : '',
        })),
        { email: badEmail, firstName: 'Bad', lastName: 'Phone', phone: '12' },
      ],
    },
  });
  expect(seeded.ok(), await seeded.text()).toBe(true);
  expect(((await seeded.json()) as { ids: string[] }).ids).toHaveLength(451);
  const badId = ((await seeded.json()) as { ids: string[] }).ids[450];

  // 3. Syncs: empty; a new mapping.
  await page.getByRole('tab', { name: 'Syncs' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/syncs`);
  await expect(page.getByText('No syncs yet')).toBeVisible();
  await expect(page.getByText('No mappings yet')).toBeVisible();
  await page.getByRole('link', { name: 'New mapping' }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/syncs/mappings/new`);
  await expect(page.getByRole('heading', { name: 'New mapping', level: 2 })).toBeVisible();

  await page.getByRole('textbox', { name: /^Name/ }).fill(mappingName);
  const source = page.getByRole('group', { name: 'Source' });
  const target = page.getByRole('group', { name: 'Target' });
  await choose(page, source.getByRole('combobox', { name: /^Source connection/ }), /\(Shopify\)$/);
  await choose(page, source.getByRole('combobox', { name: /^Source entity/ }), 'customer');
  await choose(page, target.getByRole('combobox', { name: /^Target connection/ }), /\(HubSpot\)$/);
  // HubSpot writes only contacts: the entity is chosen with the connection.
  await expect(target.getByRole('combobox', { name: /^Target entity/ })).toHaveValue('contact');

  // The required email row, filled from the source field of the same name; then the names and the phone.
  await page.getByRole('button', { name: 'Add all required fields' }).click();
  const emailRow = page.getByRole('row', { name: 'Field 1', exact: true });
  await expect(emailRow.getByRole('combobox', { name: 'Target field of row 1', exact: true })).toHaveValue('Email *');
  await expect(emailRow.getByRole('combobox', { name: 'Source field of row 1', exact: true })).toHaveValue('Email');
  await expect(page.getByRole('button', { name: 'Add all required fields' })).toBeDisabled();
  await addRow(page, 2, 'First name (firstname)', 'First name (firstName)');
  await addRow(page, 3, 'Last name (lastname)', 'Last name (lastName)');
  const phoneRow = await addRow(page, 4, 'Phone', 'Phone');
  await choose(page, phoneRow.getByRole('combobox', { name: 'Add transform to row 4' }), 'Phone to E.164 (e164)');
  const e164 = phoneRow.getByRole('group', { name: 'Transform 1 of row 4' });
  await expect(e164).toContainText('Phone to E.164');
  await e164.getByRole('textbox', { name: 'Region' }).fill('US');

  // The preview runs the unsaved mapping on the first 10 customers.
  await page.getByRole('button', { name: 'Preview with 10 records' }).click();
  const preview = page.getByRole('table', { name: 'Preview records' });
  await expect(preview.locator('tbody tr')).toHaveCount(10);
  for (const column of ['email', 'firstname', 'lastname', 'phone']) {
    await expect(preview.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  const first = preview.locator('tbody tr').filter({ hasText: emails[0] });
  await expect(first).toHaveCount(1);
  await expect(first).toContainText('Ada');
  await expect(first).toContainText('Lovelace');
  await expect(first).toContainText('+12015550123');
  await expect(preview.getByText(emails[9], { exact: true })).toBeVisible();
  await expect(preview.locator('[data-error]')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await snap(page, 'mapping-editor');

  // 4. Save: the Syncs page offers a sync of the new mapping.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}/syncs\\?newMapping=`));
  const newSync = page.getByRole('dialog', { name: `New sync of “${mappingName}”` });
  await expect(newSync).toContainText('The mapping is saved.');
  await newSync.getByRole('textbox', { name: /^Name/ }).fill(syncName);
  await expect(newSync.getByRole('textbox', { name: /^Run every/ })).toHaveValue('');
  await newSync.getByRole('button', { name: 'Create sync' }).click();
  await expect(newSync).toHaveCount(0);
  await expect(page).toHaveURL(`${workspaceUrl}/syncs`);

  const row = page.getByRole('row', { name: syncName });
  await expect(row).toContainText('Never ran');
  await expect(row).toContainText('on demand');
  await expect(page.getByRole('row', { name: mappingName })).toContainText(`Used by ${syncName}`);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  // Run it; the row follows the run live, then shows how it ended. HubSpot answers every other call
  // 429 (Retry-After 1 s) meanwhile: the run waits those out, which also keeps it on screen long enough to watch.
  const throttle = (every: number) => page.request.post('/sandbox/hubspot/_control/throttle-every', { data: { every } });
  expect((await throttle(2)).ok()).toBe(true);
  try {
    await row.getByRole('button', { name: `Run ${syncName} now` }).click();
    const progress = row.getByTestId('sync-progress');
    await expect(progress).toHaveText(/^[\d,]+ of 451\b/);
    await expect(row.getByRole('progressbar', { name: `Progress of ${syncName}` })).toBeVisible();
    await snap(page, 'sync-running').catch(() => undefined); // the run may end mid-photo
    await expect(row.getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(progress).toHaveCount(0);
  } finally {
    await throttle(0);
  }
  await snap(page, 'sync-done');

  // 5. The sync's page: its run history, and the one record it could not write.
  await row.getByRole('link', { name: `Open ${syncName}` }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}/syncs/[^/?]+$`));
  await expect(page.getByRole('heading', { name: syncName, level: 2 })).toBeVisible();
  await expect(page.getByText(/450 records linked so far/)).toBeVisible();
  const runs = page.getByRole('table', { name: 'Runs' });
  const last = runs.locator('tbody tr');
  await expect(last).toHaveCount(1);
  await expect(last.getByText('Succeeded', { exact: true })).toBeVisible();
  await expect(last.getByRole('cell')).toContainText(['Full', 'Manual', 'Succeeded', '451', '450', '1']);
  await last.getByRole('button', { name: /^Show the 1 failed record/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Failed records' });
  await expect(drawer).toContainText('1 record could not be written');
  const failed = drawer.getByRole('article');
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAccessibleName(`Record ${badId}`);
  await expect(failed).toContainText(/phone/i);
  await expect(failed).toContainText('"12"');
  await expect(failed).toContainText(badEmail);
  await snap(page, 'sync-record-error');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // 6. HubSpot has the 450 contacts, their phones in E.164; the bad one was not written.
  const res = await page.request.get('/sandbox/hubspot/_control/contacts');
  expect(res.ok()).toBe(true);
  const contacts = ((await res.json()) as { contacts: { properties: Record<string, string> }[] }).contacts;
  const byEmail = new Map(contacts.map((c) => [c.properties.email, c.properties]));
  const written = emails.filter((e) => byEmail.has(e));
  expect(written).toHaveLength(450);
  expect(byEmail.get(emails[0])).toMatchObject({ firstname: 'Ada', lastname: 'Lovelace', phone: '+12015550123' });
  expect(byEmail.get(emails[1])).toMatchObject({ firstname: 'Bob', lastname: 'Lovelace' });
  expect(byEmail.has(badEmail)).toBe(false);
});
