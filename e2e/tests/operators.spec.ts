import { type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from '../support/session';
import { createStaffUser } from '../support/staff-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

/** Chooses exactly `modes` in the "Modes" multi-select of the filter form (closing the list again). */
async function chooseModes(page: Page, modes: readonly string[]): Promise<void> {
  const form = page.getByRole('search', { name: 'Operator filters' });
  await form.getByRole('combobox', { name: 'Modes' }).click();
  const listbox = page.getByRole('listbox');
  for (const option of await listbox.getByRole('option').all()) {
    const name = (await option.textContent())?.trim() ?? '';
    const selected = (await option.getAttribute('aria-selected')) === 'true';
    if (selected !== modes.includes(name)) {
      await option.click();
    }
  }
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
}

async function search(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test('a viewer filters operators by mode and name, combines filters, opens a detail page and reloads the URL', async ({
  page,
  request,
}) => {
  const viewer = await createStaffUser(request, 'viewer', { displayName: 'Vera Viewer' });

  await page.goto('/operators');
  await signIn(page, viewer.email, viewer.password);
  await expect(page).toHaveURL(/\/operators$/);
  const table = page.getByRole('table', { name: 'Operators' });
  const results = page.getByRole('status').filter({ hasText: /operators? found/ });
  await expect(results).toHaveText('31 operators found');
  await expect(table.getByRole('columnheader')).toHaveText([
    /ID/,
    /Name/,
    'Kind',
    'Modes',
    'Homepage',
    'Email',
    'Phone',
    'Language',
    'MIPTA URLs',
    'Customer-account URL',
  ]);
  await page.screenshot({ path: join(screenshots, 'operators-query.png'), fullPage: true });

  // Mode "train" alone.
  await chooseModes(page, ['train']);
  await search(page);
  await expect(page).toHaveURL(/\/operators\?mode=010$/);
  await expect(results).toHaveText('29 operators found');
  await expect(table.getByRole('row', { name: /Avanti West Coast/ })).toContainText('train');
  await expect(table.getByRole('row', { name: /PSD Buses/ })).toHaveCount(0);

  // Name "scot" alone.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/operators$/);
  await page.getByLabel('Name contains').fill('scot');
  await search(page);
  await expect(page).toHaveURL(/\/operators\?q=scot$/);
  await expect(results).toHaveText('1 operator found');
  const scotRail = table.getByRole('row', { name: /ScotRail/ });
  await expect(scotRail).toContainText('019');
  await expect(scotRail).toContainText('train');
  await expect(scotRail).toContainText('customer.relations@scotrail.co.uk');
  await expect(scotRail).toContainText('https://mipta.scotrail.co.uk/');

  // Both filters apply together: name "scot" and mode "train" → ScotRail; adding mode "bus" → nothing.
  await chooseModes(page, ['train']);
  await search(page);
  await expect(page).toHaveURL(/\/operators\?q=scot&mode=010$/);
  await expect(results).toHaveText('1 operator found');
  await chooseModes(page, ['bus', 'train']);
  await search(page);
  await expect(page).toHaveURL(/\/operators\?q=scot&mode=007&mode=010$/);
  await expect(page.getByText('No operators match these filters.')).toBeVisible();
  await expect(table).toHaveCount(0);
  await chooseModes(page, ['train']);
  await search(page);
  await expect(results).toHaveText('1 operator found');
  await page.screenshot({ path: join(screenshots, 'operators-filtered.png'), fullPage: true });

  // The detail page. ScotRail's customer accounts are hosted here (demo data), so its catalogue link is ours.
  const hostedAccounts = /\/api\/oti\/v1\/accounts\/019$/;
  await expect(table.getByRole('link', { name: hostedAccounts })).toBeVisible();
  await table.getByRole('link', { name: 'ScotRail', exact: true }).click();
  await expect(page).toHaveURL(/\/operators\/019$/);
  await expect(page.getByRole('heading', { level: 1, name: 'ScotRail' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Modes' })).toHaveText('train (010)');
  await expect(page.getByRole('link', { name: 'https://mipta.scotrail.co.uk/' })).toBeVisible();
  await expect(page.getByRole('link', { name: hostedAccounts })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await page.screenshot({ path: join(screenshots, 'operators-detail.png'), fullPage: true });

  // Back, then a reload of the shared URL: the same filters and results.
  await page.goBack();
  await expect(page).toHaveURL(/\/operators\?q=scot&mode=010$/);
  await page.reload();
  await expect(page).toHaveURL(/\/operators\?q=scot&mode=010$/);
  await expect(results).toHaveText('1 operator found');
  await expect(table.getByRole('row', { name: /ScotRail/ })).toBeVisible();
  await expect(page.getByLabel('Name contains')).toHaveValue('scot');
  await expect(page.getByRole('combobox', { name: 'Modes' })).toContainText('train');

  // Sorting and paging live in the URL too.
  await page.getByRole('button', { name: 'Clear' }).click();
  await table.getByRole('button', { name: 'ID' }).click();
  await expect(page).toHaveURL(/\/operators\?sort=id$/);
  await table.getByRole('button', { name: 'ID' }).click();
  await expect(page).toHaveURL(/\/operators\?sort=-id$/);
  await expect(table.getByRole('row').nth(1)).toContainText('PSD Ferries');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\/operators\?sort=-id&page=2$/);
  await expect(table.getByRole('row').nth(1)).toContainText('010');

  // The modes page.
  await page.getByRole('navigation').getByRole('link', { name: 'Modes' }).click();
  const modes = page.getByRole('table', { name: 'Modes' });
  await expect(modes.getByRole('row')).toHaveCount(17);
  await expect(modes.getByRole('row', { name: /train/ })).toContainText('010');
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await page.screenshot({ path: join(screenshots, 'operators-modes.png'), fullPage: true });
});

test("an operator user edits its own operator's phone and is refused on another operator", async ({
  page,
  request,
}) => {
  const staff = await createStaffUser(request, 'operator', { operatorId: '029', displayName: 'Pat PSD' });
  const phone = `0343 222 ${String(Date.now()).slice(-4)}`;

  await page.goto('/operators/029');
  await signIn(page, staff.email, staff.password);
  await expect(page.getByRole('heading', { level: 1, name: 'PSD Buses' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page).toHaveURL(/\/operators\/029\/edit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit PSD Buses' })).toBeVisible();

  // Only the contact details, language, modes and URLs are editable.
  await expect(page.getByLabel('Name')).toBeDisabled();
  await expect(page.getByLabel('ID')).toBeDisabled();
  await expect(page.getByLabel('Kind')).toBeDisabled();
  await expect(page.getByLabel('Phone')).toBeEditable();
  await expect(page.getByRole('button', { name: 'Delete operator' })).toHaveCount(0);

  await page.getByLabel('Phone').fill('not a phone');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Enter a phone number with 6 to 20 digits')).toBeVisible();
  await page.getByLabel('Phone').fill(phone);
  await page.screenshot({ path: join(screenshots, 'operators-edit.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(page).toHaveURL(/\/operators\/029$/);
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes.' })).toBeVisible();
  await expect(page.getByText(phone)).toBeVisible();
  await page.reload();
  await expect(page.getByText(phone)).toBeVisible();

  // Another operator: readable, but no Edit, and its edit URL is not allowed.
  await page.goto('/operators/030');
  await expect(page.getByRole('heading', { level: 1, name: 'PSD Ferries' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await page.goto('/operators/030/edit');
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'operators-not-allowed.png'), fullPage: true });

  // The server refuses too, whatever the page shows.
  const login = await request.post('/api/v1/auth/login', { data: { email: staff.email, password: staff.password } });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const refused = await request.patch('/api/v1/operators/030', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { phone: '0000 000 000' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { code: string }).code).toBe('FORBIDDEN');
});
