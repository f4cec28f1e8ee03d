import { type APIRequestContext, type Browser, type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { MAIL_SINK_URL } from '../support/mailbox';
import { signIn } from '../support/session';
import { type StaffUser, createStaffUser } from '../support/staff-users';
import { E2E_ADMIN } from '../support/test-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

/**
 * The demo seed gives PSD Buses (029) and PSD Ferries (030) customers C000001…; PSD Ferries customer n is the same
 * person as PSD Buses customer n (same name and email) when n is a multiple of 3
 * (backend/src/database/seed/demo/demo-generator.ts). Each journey links its own pair, so the journeys (and
 * customers.spec.ts, which reads C000003) stay independent.
 */
const CONFIRM_PAIR = 'C000006';
const DECLINE_PAIR = 'C000009';

interface Customer {
  name: string;
  email: string;
  customerId: string;
}

interface SinkMessage {
  to: string[];
  subject: string;
  links: string[];
}

/**
 * The person's accounts at PSD Buses and PSD Ferries, and the number of PSD Ferries purchases, read as the
 * administrator in one session (sign-ins are throttled per address, so the journeys spend few of them).
 */
async function seededPair(request: APIRequestContext, customerId: string) {
  const login = await request.post('/api/v1/auth/login', { data: E2E_ADMIN });
  expect(login.status(), 'admin API login').toBe(200);
  const headers = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const read = async <T>(path: string): Promise<T> => {
    const response = await request.get(`/api/v1${path}`, { headers });
    expect(response.status(), `GET ${path}`).toBe(200);
    return (await response.json()) as T;
  };
  try {
    const bus = await read<Customer>(`/operators/029/customers/${customerId}`);
    const ferry = await read<Customer>(`/operators/030/customers/${customerId}`);
    const purchases = await read<{ total: number }>(`/operators/030/customers/${customerId}/purchases?pageSize=1`);
    return { bus, ferry, ferryPurchaseCount: purchases.total };
  } finally {
    await request.post('/api/v1/auth/logout', { headers });
  }
}

/** "Jane Smith" → "J*** S***", "jane.smith6@example.com" → "j***@example.com" (as the confirm page masks them). */
function maskedName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => `${Array.from(word)[0]}***`)
    .join(' ');
}

function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${Array.from(email.slice(0, at))[0]}***@${email.slice(at + 1)}`;
}

/** Waits for the confirmation email to `to` (the account's address on file) and returns it. */
async function confirmationEmail(to: string, operatorName: string): Promise<SinkMessage> {
  const subject = `Confirm linking your ${operatorName} account`;
  let found: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${MAIL_SINK_URL}/messages?to=${encodeURIComponent(to)}`);
        const messages = (await response.json()) as SinkMessage[];
        found = messages.findLast((message) => message.subject === subject);
        return found;
      },
      { message: `a mail to ${to}: ${subject}`, timeout: 15_000 },
    )
    .toBeTruthy();
  return found as SinkMessage;
}

/** The email's Confirm and "This wasn't me" links (absolute, to PUBLIC_URL/link/confirm). */
function confirmLinks(message: SinkMessage): { confirm: string; decline: string } {
  const links = message.links.filter((link) => new URL(link).pathname === '/link/confirm');
  const confirm = links.find((link) => !new URL(link).searchParams.has('action'));
  const decline = links.find((link) => new URL(link).searchParams.get('action') === 'decline');
  expect(confirm, 'the Confirm link').toBeTruthy();
  expect(decline, "the This wasn't me link").toBeTruthy();
  return { confirm: confirm ?? '', decline: decline ?? '' };
}

/** A fresh browser context with no session: the account owner, who has no staff account. */
async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function staffToken(request: APIRequestContext, staff: StaffUser): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { email: staff.email, password: staff.password } });
  expect(login.status(), 'staff API login').toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** A tall viewport, so a full-page shot of a page that scrolls inside the shell shows all of it. */
async function fullShot(page: Page, name: string, height = 1100): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: join(screenshots, name), fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('a PSD Buses user links the PSD Ferries account of the same person; the owner confirms by email; revoking ends it', async ({
  page,
  request,
  browser,
}) => {
  // The longest journey here: two users, an email round trip, three pages.
  test.slow();
  const { bus, ferry, ferryPurchaseCount } = await seededPair(request, CONFIRM_PAIR);
  expect(ferry.email).toBe(bus.email);
  expect(ferryPurchaseCount).toBeGreaterThan(0);
  const staff = await createStaffUser(request, 'operator', { operatorId: '029', displayName: 'Lina Links' });

  // The PSD Buses customer's page: Link account.
  await page.goto(`/customers/029/${CONFIRM_PAIR}`);
  await signIn(page, staff.email, staff.password);
  await expect(page.getByRole('heading', { level: 1, name: bus.name })).toBeVisible();
  await page.getByRole('button', { name: 'Link account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link another account' });
  await expect(dialog).toContainText(`PSD Buses (029) · customer ${CONFIRM_PAIR}`);
  await dialog.getByRole('combobox', { name: 'Operator of the other account' }).click();
  await expect(page.getByRole('option', { name: 'PSD Buses (029)' })).toHaveCount(0);
  await page.getByRole('option', { name: 'PSD Ferries (030)' }).click();
  await dialog.getByLabel('Customer ID at that operator').fill(CONFIRM_PAIR);
  await page.screenshot({ path: join(screenshots, 'link-account-dialog.png') });
  await dialog.getByRole('button', { name: 'Send request' }).click();

  // The same answer whether or not that account exists: the owner must confirm.
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Request sent' })).toHaveText(
    'Request sent — the account owner must confirm by email. The link stays pending until they do.',
  );
  await expect(page).toHaveURL(new RegExp(`/customers/029/${CONFIRM_PAIR}\\?tab=links$`));
  const links = page.getByRole('table', { name: 'Linked accounts' });
  const row = links.getByRole('row').filter({ hasText: 'PSD Ferries (030)' });
  await expect(row).toContainText('Pending');
  await expect(row).toContainText(`Customer ${CONFIRM_PAIR}`);

  // Asking again for the same pair is refused in the dialog.
  await page.getByRole('button', { name: 'Link account' }).click();
  await dialog.getByRole('combobox', { name: 'Operator of the other account' }).click();
  await page.getByRole('option', { name: 'PSD Ferries (030)' }).click();
  await dialog.getByLabel('Customer ID at that operator').fill(CONFIRM_PAIR);
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'These two accounts already have a pending or confirmed link: see the Linked accounts tab.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Resend straight away: the cooldown, with the wait.
  await row.getByRole('button', { name: /^Resend/ }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /^The confirmation email was sent less than 10 minutes ago\. You can send it again in (9|10) minutes\.$/,
  );

  // The email goes to the PSD Ferries account's address on file, with Confirm and "This wasn't me".
  const email = await confirmationEmail(ferry.email, 'PSD Ferries');
  expect(email.to).toEqual([ferry.email.toLowerCase()]);
  const { confirm } = confirmLinks(email);

  // The owner follows Confirm, signed out: the masked request, no staff navigation, and the token leaves the address.
  const owner = await signedOutPage(browser);
  await owner.goto(confirm);
  await expect(owner).toHaveURL(/\/link\/confirm$/);
  await expect(owner.getByRole('heading', { level: 1, name: 'Link your PSD Ferries account?' })).toBeVisible();
  const asking = owner.getByRole('region', { name: 'Who asks to link' });
  await expect(asking).toContainText(maskedName(bus.name));
  await expect(asking).toContainText(maskedEmail(bus.email));
  await expect(asking).toContainText('PSD Buses');
  expect(await owner.content()).not.toContain(bus.email);
  await expect(owner.getByRole('navigation')).toHaveCount(0);
  await expect(owner.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await fullShot(owner, 'link-confirm.png', 900);
  await owner.getByRole('button', { name: 'Confirm' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Your accounts are linked' })).toBeVisible();
  await expect(owner.getByRole('status')).toContainText(
    'PSD Buses can now see the purchases, concessions and journeys of your PSD Ferries account.',
  );
  await fullShot(owner, 'link-confirmed.png', 700);

  // The same link a second time: already used.
  await owner.goto(confirm);
  await expect(owner.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
  await expect(owner.getByRole('main').getByRole('button')).toHaveCount(0);
  await fullShot(owner, 'link-already-used.png', 600);
  await owner.context().close();

  // Back as the PSD Buses user: confirmed, and the PSD Ferries purchases are readable.
  await page.reload();
  await expect(row).toContainText('Confirmed');
  await expect(row.getByRole('button', { name: /^Resend/ })).toHaveCount(0);
  await fullShot(page, 'linked-accounts.png', 800);
  await row.getByRole('link', { name: `View records of PSD Ferries account ${CONFIRM_PAIR}` }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/029/${CONFIRM_PAIR}/links/[0-9a-f-]{36}$`));
  const linkedUrl = page.url();
  const linkId = linkedUrl.split('/').at(-1) ?? '';
  await expect(page.getByRole('heading', { level: 1, name: `PSD Ferries account ${CONFIRM_PAIR}` })).toBeVisible();
  await expect(page.getByText(`Linked with PSD Buses customer ${CONFIRM_PAIR}`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /purchases?$/ })).toHaveText(
    `${ferryPurchaseCount} ${ferryPurchaseCount === 1 ? 'purchase' : 'purchases'}`,
  );
  const purchases = page.getByRole('table', { name: 'Purchases' });
  const firstDetails = purchases.getByRole('button', { name: /^Details of purchase/ }).first();
  await firstDetails.click();
  await expect(page.getByRole('region', { name: /^Details of purchase/ })).toContainText('PSD Ferries (030)');
  await fullShot(page, 'linked-records.png', 1500);

  // Another operator's staff cannot reach the link or its records.
  const outsider = await createStaffUser(request, 'operator', { operatorId: '000', displayName: 'Otto Outsider' });
  const outsiderToken = await staffToken(request, outsider);
  for (const path of [`/api/v1/account-links/${linkId}`, `/api/v1/account-links/${linkId}/purchases`]) {
    const refused = await request.get(path, { headers: { Authorization: `Bearer ${outsiderToken}` } });
    expect(refused.status(), path).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe('LINK_NOT_FOUND');
  }

  // Revoke, after a confirmation.
  await page.getByRole('link', { name: `← Back to customer ${CONFIRM_PAIR}'s linked accounts` }).click();
  await row.getByRole('button', { name: `Revoke the link with PSD Ferries account ${CONFIRM_PAIR}` }).click();
  const question = page.getByRole('alertdialog', { name: 'Revoke this link?' });
  await question.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was revoked' })).toHaveText(
    `The link with PSD Ferries account ${CONFIRM_PAIR} was revoked.`,
  );
  await expect(row).toContainText('Revoked');

  // The linked records are refused on the next request.
  await page.goto(linkedUrl);
  await expect(page.getByRole('alert')).toContainText("This link is not confirmed, so the linked account's records");
  await expect(page.getByRole('table', { name: 'Purchases' })).toHaveCount(0);
});

test('the owner declines with "This wasn\'t me"; the link shows as declined and its email link has its own page', async ({
  page,
  request,
  browser,
}) => {
  test.slow();
  const { bus, ferry } = await seededPair(request, DECLINE_PAIR);
  const staff = await createStaffUser(request, 'operator', { operatorId: '029', displayName: 'Dora Declined' });

  await page.goto(`/customers/029/${DECLINE_PAIR}`);
  await signIn(page, staff.email, staff.password);
  await expect(page.getByRole('heading', { level: 1, name: bus.name })).toBeVisible();
  await page.getByRole('button', { name: 'Link account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link another account' });
  await dialog.getByRole('combobox', { name: 'Operator of the other account' }).click();
  await page.getByRole('option', { name: 'PSD Ferries (030)' }).click();
  await dialog.getByLabel('Customer ID at that operator').fill(DECLINE_PAIR);
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Request sent' })).toBeVisible();

  const email = await confirmationEmail(ferry.email, 'PSD Ferries');
  expect(email.to).toEqual([ferry.email.toLowerCase()]);
  const { decline } = confirmLinks(email);

  // "This wasn't me" in the email: the page puts declining first.
  const owner = await signedOutPage(browser);
  await owner.goto(decline);
  await expect(owner).toHaveURL(/\/link\/confirm\?action=decline$/);
  await expect(owner.getByRole('region', { name: 'Who asks to link' })).toContainText(maskedName(bus.name));
  await expect(owner.getByRole('status')).toContainText('You chose “This wasn’t me” in the email.');
  await expect(owner.getByRole('main').getByRole('button')).toHaveText(['This wasn’t me', 'Confirm']);
  await fullShot(owner, 'link-decline.png', 900);
  await owner.getByRole('button', { name: 'This wasn’t me' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Request declined' })).toBeVisible();
  await expect(owner.getByRole('status')).toContainText(
    'Nothing is shared: PSD Buses cannot see your PSD Ferries account.',
  );

  // The same link again (or its Confirm twin): declined already.
  for (const link of [decline, confirmLinks(email).confirm]) {
    await owner.goto(link);
    await expect(owner.getByRole('heading', { level: 1, name: 'This request was declined' })).toBeVisible();
  }
  await owner.context().close();

  // Staff see it declined, with nothing to do.
  await page.reload();
  const row = page.getByRole('table', { name: 'Linked accounts' }).getByRole('row').filter({ hasText: 'PSD Ferries' });
  await expect(row).toContainText('Declined');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row.getByRole('link')).toHaveCount(0);
});

test('a confirm link that is not one of ours has its own page', async ({ page }) => {
  await page.goto('/link/confirm?token=not-a-real-token');
  await expect(page).toHaveURL(/\/link\/confirm$/);
  await expect(page.getByRole('heading', { level: 1, name: 'This link is not valid' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);

  // Reloaded, the page no longer has the token: it asks for the emailed link.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Open the link from your email' })).toBeVisible();
});
