import { type Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signIn } from '../support/session';
import { E2E_ADMIN } from '../support/test-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

/** A documentation range (RFC 5737): never the test's own address (127.0.0.1), which must stay reachable. */
const BLOCKED_RANGE = '203.0.113.0/24';

/**
 * Clicks Refresh until `check` passes: the audit log takes records in batches, so the newest second may be missing
 * when the page first asks (docs/audit-api.md).
 */
async function untilLogged(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await check();
  }).toPass({ timeout: 15_000 });
}

test('an admin reads the audit log (own requests, a change with its diff, CSV, chain check), blocks and unblocks a range, and sees the quota', async ({
  page,
}) => {
  // A long journey across four pages, on a machine that may be busy.
  test.setTimeout(90_000);
  const clientName = `Audit e2e client ${Date.now()}`;
  // Tall enough for the screenshots to show the tables (the page scrolls inside the shell, not the window).
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.goto('/admin/api-clients');
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'API clients' })).toBeVisible();

  // A change to find in the log: a new API client (api-client.created, with the client as "after").
  const create = page.getByRole('form', { name: 'Create an API client' });
  await create.getByLabel('Name').fill(clientName);
  await create.getByRole('checkbox', { name: 'operator-info:read' }).check();
  await create.getByRole('button', { name: 'Create API client' }).click();
  const keyPanel = page.getByRole('region', { name: `New API key for ${clientName}` });
  await expect(keyPanel).toBeVisible();
  await keyPanel.getByRole('button', { name: 'Done' }).click();

  // Its daily limit, shown and changed in the list.
  const clients = page.getByRole('table', { name: 'API clients' });
  const clientRow = clients.getByRole('row').filter({ hasText: clientName });
  await expect(clientRow.getByRole('cell', { name: /^Default/ })).toBeVisible();
  await clientRow.getByRole('button', { name: `Change the daily limit of ${clientName}` }).click();
  const limitDialog = page.getByRole('dialog', { name: `Daily limit of ${clientName}` });
  await limitDialog.getByLabel('Requests per day').fill('1000');
  await limitDialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText(`The daily limit of ${clientName} is now 1,000 requests.`);
  await expect(clientRow.getByRole('cell', { name: /^1,000/ })).toBeVisible();

  // The audit log, filtered to the admin's own actions: the requests just made are there.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Audit log filters' });
  await filters.getByRole('button', { name: 'Only my actions' }).click();
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?actor=[0-9a-f-]{36}$/);
  const records = page.getByRole('table', { name: 'Audit records' });
  await untilLogged(page, async () => {
    await expect(records.getByRole('row').filter({ hasText: 'POST /api/v1/api-clients' }).first()).toBeVisible({
      timeout: 1_000,
    });
    await expect(records.getByRole('row').filter({ hasText: 'PATCH /api/v1/api-clients/:id' })).toHaveCount(1, {
      timeout: 1_000,
    });
  });
  // Every row is the admin's own.
  for (const actor of await records
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .all()) {
    await expect(actor.getByRole('cell').nth(1)).toContainText('You');
  }

  // The change event, opened in the side sheet with its diff.
  await filters.getByRole('combobox', { name: 'Event type' }).fill('api-client.*');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/type=api-client\.\*/);
  const created = records.getByRole('row').filter({ hasText: 'api-client.created' }).first();
  await untilLogged(page, () => expect(created).toBeVisible({ timeout: 1_000 }));
  await created.getByRole('button', { name: /^Details of record \d+/ }).click();
  const sheet = page.getByRole('dialog', { name: /^Audit record \d+$/ });
  await expect(sheet).toBeVisible();
  await expect(page).toHaveURL(/record=\d+/);
  const changes = sheet.getByRole('table', { name: 'Changes' });
  await expect(changes.getByRole('row').filter({ hasText: /^name/ })).toContainText(clientName);
  await expect(changes.getByRole('row').filter({ hasText: /^scopes/ })).toContainText('operator-info:read');
  await page.screenshot({ path: join(screenshots, 'audit-record.png') });
  await sheet.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(sheet).toBeHidden();
  await expect(page).not.toHaveURL(/record=/);

  // The chain is intact.
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const verification = page.getByRole('status').filter({ hasText: 'Audit chain intact' });
  await expect(verification).toBeVisible();
  await expect(verification).toContainText(/records checked/);

  // CSV of the filtered records, fetched with the session (no token in a URL).
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^id,at,type,requestId,actorKind,actorId/);
  expect(csv).toContain('api-client.created');
  expect(csv).toContain(clientName);
  await expect(page.getByRole('status').filter({ hasText: 'Exported the matching records' })).toBeVisible();

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(records).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'audit-log.png'), fullPage: true });

  // The IP blocklist: a range checked before it is sent, blocked, listed, and unblocked.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'IP blocklist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'IP blocklist' })).toBeVisible();
  const blockForm = page.getByRole('form', { name: 'Block an address or range' });
  await blockForm.getByLabel('Address or CIDR range').fill('203.0.113.5/24');
  await blockForm.getByLabel('Reason').fill('e2e: a documentation range');
  await blockForm.getByRole('button', { name: 'Block' }).click();
  await expect(blockForm.getByText(`Host bits are set: the range is written ${BLOCKED_RANGE}.`)).toBeVisible();
  await blockForm.getByLabel('Address or CIDR range').fill(BLOCKED_RANGE);
  await blockForm.getByLabel('Expires', { exact: true }).selectOption({ label: 'In 1 hour' });
  await blockForm.getByRole('button', { name: 'Block' }).click();
  await expect(page.getByRole('status')).toHaveText(`Blocked ${BLOCKED_RANGE}.`);
  const blocks = page.getByRole('table', { name: 'IP blocks' });
  const blockRow = blocks.getByRole('row').filter({ hasText: BLOCKED_RANGE });
  await expect(blockRow).toContainText('Manual');
  await expect(blockRow).toContainText('e2e: a documentation range');
  await expect(blockRow).toContainText(/ by \S/);
  await page.screenshot({ path: join(screenshots, 'ip-blocklist.png'), fullPage: true });

  await blockRow.getByRole('button', { name: `Unblock ${BLOCKED_RANGE}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Unblock ${BLOCKED_RANGE}?` });
  await confirm.getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByRole('status')).toHaveText(`Unblocked ${BLOCKED_RANGE}.`);
  await expect(page.getByRole('row').filter({ hasText: BLOCKED_RANGE })).toHaveCount(0);

  // The query tool shows the remaining daily quota once it has run a query.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operators', exact: true }).click();
  await expect(page.getByRole('main').getByRole('heading', { name: 'Operators' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(/^[\d,]+ of [\d,]+ requests left today$/)).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'quota.png') });
});
