import { type APIRequestContext, type Locator, type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from '../support/session';
import { type StaffUser, createStaffUser } from '../support/staff-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

/** Operators the unfiltered first page of the directory shows, and ScotRail, which the journey's query finds. */
const OPERATOR_NAMES = ['ScotRail', 'Avanti West Coast', 'PSD Buses'] as const;

const SIGN_IN = { level: 1, name: 'Sign in' } as const;

async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

/** Fails when the page's DOM (not only what is visible) holds the name of any operator. */
async function expectNoOperatorNames(page: Page): Promise<void> {
  const html = await page.content();
  for (const name of OPERATOR_NAMES) {
    expect(html, `the DOM after sign-out holds "${name}"`).not.toContain(name);
  }
}

/**
 * The history row of a query, once the server recorded it: recording happens after the answer is sent, so the page
 * is refreshed until the entry is there.
 */
async function historyEntry(page: Page, summary: string): Promise<Locator> {
  const entry = page.getByRole('table', { name: 'Query history' }).getByRole('row').filter({ hasText: summary });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(entry).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  return entry;
}

async function searchOperators(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name contains').fill(name);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** Signs `user` out of every session through the API, as "Sign out everywhere" on another device would. */
async function revokeEverySession(request: APIRequestContext, user: StaffUser): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password } });
  expect(login.status(), 'login through the API').toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const logoutAll = await request.post('/api/v1/auth/logout-all', {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(logoutAll.status(), 'logout-all').toBe(204);
}

test('an operator query lands in History, becomes a favourite with a URL of its own, and nothing shows after sign-out', async ({
  page,
  request,
}) => {
  // A long journey (two users, three sign-ins): more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const owner = await createStaffUser(request, 'viewer', { displayName: 'Hana History' });
  const other = await createStaffUser(request, 'viewer', { displayName: 'Otto Other' });

  // Run queries: the whole directory, then operators named like "scot", then the modes.
  await page.goto('/operators');
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/operators$/);
  const results = page.getByRole('status').filter({ hasText: /operators? found/ });
  await expect(results).toHaveText('31 operators found');
  await searchOperators(page, 'scot');
  await expect(page).toHaveURL(/\/operators\?q=scot$/);
  await expect(results).toHaveText('1 operator found');
  await expect(page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Modes' }).click();
  await expect(page.getByRole('table', { name: 'Modes' }).getByRole('row')).toHaveCount(17);

  // History: newest first, each with its kind, the query in words and the result count.
  await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await historyEntry(page, 'All modes');
  const scot = await historyEntry(page, 'Name contains “scot”');
  await expect(scot.getByRole('cell')).toHaveText(['Operators', 'Name contains “scot”', '1', /\d/, /Run again/]);
  const all = await historyEntry(page, 'All operators');
  await expect(all.getByRole('cell').nth(2)).toHaveText('31');
  const history = page.getByRole('table', { name: 'Query history' });
  await expect(history.getByRole('row').nth(1)).toContainText('All modes');
  await page.getByRole('heading', { level: 1, name: 'History' }).click(); // no button keeps the focus ring
  await page.screenshot({ path: join(screenshots, 'history.png'), fullPage: true });

  // The kind filter lives in the URL.
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Modes' }).click();
  await expect(page).toHaveURL(/\/history\?kind=modes$/);
  await expect(history.getByRole('row')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'All kinds' }).click();
  await expect(page).toHaveURL(/\/history$/);

  // Save the "scot" query as a favourite; the same name again is refused inside the dialog.
  await scot.getByRole('button', { name: 'Save as favourite' }).click();
  let dialog = page.getByRole('dialog', { name: 'Save as favourite' });
  await expect(dialog.getByLabel('Name')).toHaveValue('Operators: Name contains “scot”');
  await dialog.getByLabel('Name').fill('Scottish operators');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved “Scottish operators” to your favourites.' }),
  ).toBeVisible();

  await all.getByRole('button', { name: 'Save as favourite' }).click();
  dialog = page.getByRole('dialog', { name: 'Save as favourite' });
  await dialog.getByLabel('Name').fill('scottish OPERATORS');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(
    dialog.getByText('You already have a favourite called “scottish OPERATORS”. Choose another name.'),
  ).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'history-favourite-name-taken.png') });
  await dialog.getByLabel('Name').fill('The whole directory');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Favourites, each with a URL of its own.
  await page.getByRole('navigation').getByRole('link', { name: 'Favourites' }).click();
  const favourites = page.getByRole('table', { name: 'Favourites' });
  await expect(favourites.getByRole('row')).toHaveCount(3);
  const favourite = favourites.getByRole('row').filter({ hasText: 'Scottish operators' });
  await expect(favourite.getByRole('cell').nth(1)).toHaveText('Operators');
  await expect(favourite.getByRole('cell').nth(2)).toHaveText('Name contains “scot”');
  const favouriteUrl = await favourite.getByRole('link', { name: 'Run' }).getAttribute('href');
  expect(favouriteUrl).toMatch(/^\/favourites\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: 'Favourites' }).click();
  await page.screenshot({ path: join(screenshots, 'favourites.png'), fullPage: true });

  // Run again from History shows the data; then sign out, and Back shows the login page with no data in the DOM.
  await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
  await (await historyEntry(page, 'Name contains “scot”')).getByRole('link', { name: 'Run again' }).click();
  await expect(page).toHaveURL(/\/operators\?q=scot$/);
  await expect(page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();
  await signOut(page);
  await page.goBack();
  await expect(page.getByRole('heading', SIGN_IN)).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectNoOperatorNames(page);

  // The favourite's URL while signed out: the login page, then the favourite runs with the new session.
  await page.goto(favouriteUrl ?? '');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Ffavourites%2F[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', SIGN_IN)).toBeVisible();
  await expectNoOperatorNames(page);
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/operators\?q=scot$/);
  await expect(results).toHaveText('1 operator found');
  await expect(page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();
  await signOut(page);

  // Another user sees none of it, and the first user's favourite URL is "not found" for them.
  await page.goto('/history');
  await signIn(page, other.email, other.password);
  await expect(page).toHaveURL(/\/history$/);
  await expect(page.getByText(/No queries yet\./)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Query history' })).toHaveCount(0);
  await expect(page.getByText('Name contains “scot”')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Favourites' }).click();
  await expect(page.getByText(/No favourites yet\./)).toBeVisible();
  await expect(page.getByText('Scottish operators')).toHaveCount(0);
  await page.goto(favouriteUrl ?? '');
  await expect(page.getByRole('heading', { level: 1, name: 'Favourite not found' })).toBeVisible();
  await expectNoOperatorNames(page);
});

test('two tabs: signing out in one shows the other the login page on its next action, with no data', async ({
  context,
  request,
}) => {
  const user = await createStaffUser(request, 'viewer', { displayName: 'Tabea Tabs' });
  const first = await context.newPage();
  await first.goto('/operators?q=scot');
  await signIn(first, user.email, user.password);
  await expect(first.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();

  // The second tab of the same browser shares the session (the refresh cookie).
  const second = await context.newPage();
  await second.goto('/operators?q=scot');
  await expect(second.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();

  await signOut(first);

  await second.getByRole('navigation').getByRole('link', { name: 'History' }).click();
  await expect(second.getByRole('heading', SIGN_IN)).toBeVisible();
  await expect(second.getByRole('table')).toHaveCount(0);
  await expectNoOperatorNames(second);

  // Loading the query page again does not bring the session back: the login page, and still no data.
  await second.goto('/operators?q=scot');
  await expect(second.getByRole('heading', SIGN_IN)).toBeVisible();
  await expectNoOperatorNames(second);
});

test('Back into the app from another page after a sign-out elsewhere shows the login page, not the data', async ({
  context,
  request,
}) => {
  const user = await createStaffUser(request, 'viewer', { displayName: 'Bea Backforward' });
  const first = await context.newPage();
  await first.goto('/operators?q=scot');
  await signIn(first, user.email, user.password);
  await expect(first.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();
  // Leave the app for another document. A browser may keep the page, data and all, in its back/forward cache; the app
  // reloads such a restore (core/auth/page-restore.ts, unit-tested: Playwright's Chromium does not use that cache, so
  // here Back loads the app afresh and this checks the outcome either way).
  await first.goto('/api/health');

  const second = await context.newPage();
  await second.goto('/operators');
  await expect(second.getByRole('heading', { level: 1, name: 'Operators' })).toBeVisible();
  await signOut(second);

  await first.goBack();
  await expect(first.getByRole('heading', SIGN_IN)).toBeVisible();
  await expectNoOperatorNames(first);
});

test('a session revoked elsewhere ends on the next request, on the login page', async ({ page, request }) => {
  const user = await createStaffUser(request, 'viewer', { displayName: 'Rhea Revoked' });
  await page.goto('/operators?q=scot');
  await signIn(page, user.email, user.password);
  await expect(page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /ScotRail/ })).toBeVisible();

  await revokeEverySession(request, user);

  await searchOperators(page, 'avanti');
  await expect(page.getByRole('heading', SIGN_IN)).toBeVisible();
  await expect(page).toHaveURL(/\/login\?reason=expired&returnUrl=/);
  await expectNoOperatorNames(page);
});
