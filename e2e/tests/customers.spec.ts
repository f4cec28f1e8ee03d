import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { adminApiGet } from '../support/admin-api';
import { signIn } from '../support/session';
import { createStaffUser } from '../support/staff-users';
import { E2E_ADMIN } from '../support/test-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

/**
 * The demo seed gives PSD Buses (029) and PSD Ferries (030) customers C000001…; PSD Ferries customer n is the same
 * person as PSD Buses customer n when n is a multiple of 3 (backend/src/database/seed/demo/demo-generator.ts).
 */
const BUS_CUSTOMER = { operatorId: '029', customerId: 'C000003' } as const;
const FERRY_CUSTOMER = { operatorId: '030', customerId: 'C000003' } as const;

interface Customer {
  name: string;
  email: string;
  customerId: string;
}

interface Purchase {
  id: number;
  route: string | null;
  travelValidFrom: string;
  travelValidTo: string;
}

function customerPath(customer: { operatorId: string; customerId: string }): string {
  return `/operators/${customer.operatorId}/customers/${customer.customerId}`;
}

/** The customers and the purchases the journey works on, read as the administrator. */
async function seededCustomers(request: APIRequestContext) {
  const bus = await adminApiGet<Customer>(request, customerPath(BUS_CUSTOMER));
  const ferry = await adminApiGet<Customer>(request, customerPath(FERRY_CUSTOMER));
  const purchases = await adminApiGet<{ items: Purchase[]; total: number }>(
    request,
    `${customerPath(BUS_CUSTOMER)}/purchases?pageSize=100`,
  );
  return { bus, ferry, purchases: purchases.items };
}

/** The UTC calendar day of an ISO time. */
function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

async function openCustomersAs(page: Page, email: string, password: string, path: string): Promise<void> {
  await page.goto(path);
  await signIn(page, email, password);
}

test('a PSD Buses operator user finds a customer, reads purchases in a date window, and is refused a PSD Ferries customer', async ({
  page,
  request,
}) => {
  const { bus, ferry, purchases } = await seededCustomers(request);
  // The demo pairs these accounts: one person at two operators.
  expect(ferry.email).toBe(bus.email);
  expect(purchases.length).toBeGreaterThan(0);
  const staff = await createStaffUser(request, 'operator', { operatorId: '029', displayName: 'Bea Buses' });

  await openCustomersAs(page, staff.email, staff.password, '/customers');
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Customers', exact: true })).toHaveAttribute('aria-current', 'page');

  // The operator is fixed to the user's own.
  const operator = page.getByRole('combobox', { name: 'Operator' });
  await expect(operator).toContainText('PSD Buses (029)');
  await expect(operator).toHaveAttribute('aria-disabled', 'true');

  // Too short a term is refused inline, before anything is asked.
  const term = page.getByRole('searchbox', { name: 'Name, email or customer ID' });
  await term.fill('ab');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('Enter at least 3 characters.')).toBeVisible();
  await expect(page).toHaveURL(/\/customers$/);

  // Search by name: every result is at PSD Buses, and the customer is among them.
  const lastName = bus.name.split(' ').at(-1) ?? bus.name;
  await term.fill(lastName);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/customers\\?operatorId=029&q=${encodeURIComponent(lastName)}$`));
  const results = page.getByRole('table', { name: 'Customers' });
  const row = results.getByRole('row').filter({ hasText: BUS_CUSTOMER.customerId });
  await expect(row).toContainText(bus.name);
  await expect(row).toContainText(bus.email);
  for (const operatorCell of await results
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .all()) {
    await expect(operatorCell).toContainText('PSD Buses (029)');
  }
  await page.screenshot({ path: join(screenshots, 'customers-search.png'), fullPage: true });

  // A shared search URL survives a reload.
  await page.reload();
  await expect(term).toHaveValue(lastName);
  await expect(row).toContainText(bus.name);

  // The detail page: profile and purchases.
  await row.getByRole('link', { name: bus.name }).click();
  await expect(page).toHaveURL(/\/customers\/029\/C000003$/);
  await expect(page.getByRole('heading', { level: 1, name: bus.name })).toBeVisible();
  await expect(page.getByRole('region', { name: bus.name })).toContainText(bus.email);
  await expect(page.getByRole('tab', { name: 'Purchases' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Purchases' });
  const status = page.getByRole('status').filter({ hasText: /purchases?/ });
  await expect(status).toHaveText(`${purchases.length} ${purchases.length === 1 ? 'purchase' : 'purchases'}`);

  // A date window of one day, on the day the newest purchase starts: the purchases overlapping that day.
  const day = utcDay(purchases[0].travelValidFrom);
  const inWindow = purchases.filter((p) => utcDay(p.travelValidFrom) <= day && utcDay(p.travelValidTo) >= day);
  await page.getByLabel('From').fill(day);
  await page.getByLabel('To').fill(day);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/029/C000003\\?from=${day}&to=${day}$`));
  await expect(status).toHaveText(
    `${inWindow.length} ${inWindow.length === 1 ? 'purchase' : 'purchases'} in this date window`,
  );
  await expect(table.getByRole('button', { name: /^Details of purchase/ })).toHaveCount(inWindow.length);

  // Every field of a purchase, and its times in UTC on hover.
  const purchase = inWindow[0];
  await table.getByRole('button', { name: `Details of purchase ${purchase.id}` }).click();
  const details = page.getByRole('region', { name: `Details of purchase ${purchase.id}` });
  await expect(details.getByRole('heading')).toHaveText(['Purchase', 'Journey', 'Payment', 'Ticket']);
  if (purchase.route) {
    await expect(details.getByRole('region', { name: 'Journey' })).toContainText(purchase.route);
  }
  await expect(details.getByTitle(new Date(purchase.travelValidFrom).toISOString()).first()).toBeVisible();
  // The page scrolls inside the shell, so a full-page shot shows only the viewport: make it tall enough.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.screenshot({ path: join(screenshots, 'customers-detail.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The window the wrong way round is refused inline; a window with nothing says so.
  await page.getByLabel('From').fill('2001-01-31');
  await page.getByLabel('To').fill('2001-01-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('The end date must be on or after the start date.')).toBeVisible();
  await page.getByLabel('To').fill('2001-12-31');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\?from=2001-01-31&to=2001-12-31$/);
  await expect(page.getByText('No purchases in this date window.')).toBeVisible();

  // The other tabs keep the window in the URL.
  await page.getByRole('tab', { name: 'Usages' }).click();
  await expect(page).toHaveURL(/\?tab=usages&from=2001-01-31&to=2001-12-31$/);
  await expect(page.getByText('No usages in this date window.')).toBeVisible();

  // PSD Ferries' account of the same person: refused, and nothing of it reaches the page.
  await page.goto(`/customers/${FERRY_CUSTOMER.operatorId}/${FERRY_CUSTOMER.customerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('You are not allowed to see this customer.');
  await expect(page.getByText(ferry.name)).toHaveCount(0);
  await expect(page.getByText(ferry.email)).toHaveCount(0);
  await expect(page.getByRole('tablist')).toHaveCount(0);
  expect(await page.content()).not.toContain(ferry.email);
  await page.screenshot({ path: join(screenshots, 'customers-not-allowed.png'), fullPage: true });

  // The server refuses too, whatever the page shows.
  const login = await request.post('/api/v1/auth/login', { data: { email: staff.email, password: staff.password } });
  const { accessToken } = (await login.json()) as { accessToken: string };
  for (const path of [customerPath(FERRY_CUSTOMER), `${customerPath(FERRY_CUSTOMER)}/purchases`]) {
    const refused = await request.get(`/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(refused.status(), path).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('CUSTOMER_ACCESS_DENIED');
  }
});

test('an administrator searches every hosted operator or one, and opens either account of a person', async ({
  page,
  request,
}) => {
  const { bus, ferry } = await seededCustomers(request);

  await openCustomersAs(page, E2E_ADMIN.email, E2E_ADMIN.password, `/customers?q=${encodeURIComponent(bus.email)}`);
  const operator = page.getByRole('combobox', { name: 'Operator' });
  await expect(operator).toContainText('All operators');
  const results = page.getByRole('table', { name: 'Customers' });
  // One person, an account at each operator.
  await expect(results.getByRole('row').filter({ hasText: bus.email })).toHaveCount(2);
  await expect(results.getByRole('row').filter({ hasText: 'PSD Buses (029)' })).toContainText(bus.name);
  await expect(results.getByRole('row').filter({ hasText: 'PSD Ferries (030)' })).toContainText(ferry.name);
  await page.screenshot({ path: join(screenshots, 'customers-search-admin.png'), fullPage: true });

  await operator.click();
  await page.getByRole('option', { name: 'PSD Ferries (030)' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/customers\?operatorId=030&q=/);
  await expect(results.getByRole('row').filter({ hasText: bus.email })).toHaveCount(1);
  await results.getByRole('row').filter({ hasText: 'PSD Ferries (030)' }).getByRole('cell').nth(1).click();
  await expect(page).toHaveURL(/\/customers\/030\/C000003$/);
  await expect(page.getByRole('heading', { level: 1, name: ferry.name })).toBeVisible();

  // Back to the search, as it was.
  await page.getByRole('link', { name: '← Back to the customer search' }).click();
  await expect(page).toHaveURL(/\/customers\?operatorId=030&q=/);
  await expect(results.getByRole('row').filter({ hasText: bus.email })).toHaveCount(1);
});

test('a viewer has no Customers menu item and is refused on customer URLs', async ({ page, request }) => {
  const viewer = await createStaffUser(request, 'viewer', { displayName: 'Vic Viewer' });

  await openCustomersAs(page, viewer.email, viewer.password, '/operators');
  await expect(page.getByRole('heading', { level: 1, name: 'Operators' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Operators', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Customers' })).toHaveCount(0);

  for (const path of ['/customers?q=smith', `/customers/${BUS_CUSTOMER.operatorId}/${BUS_CUSTOMER.customerId}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
});
