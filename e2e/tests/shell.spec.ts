import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from '../support/session';
import { E2E_ADMIN } from '../support/test-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');
const NAV_LINKS = ['Home', 'Operators', 'Customers', 'History', 'Favourites'];

test('app shell: toolbar, navigation, API health and a deep link that survives a reload', async ({ page }) => {
  await page.goto('/');

  const banner = page.getByRole('banner');
  await expect(banner.getByText('Open Transport Hub')).toBeVisible();

  const nav = page.getByRole('navigation');
  for (const name of NAV_LINKS) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }

  await expect(page.getByRole('heading', { name: 'API status' })).toBeVisible();
  await expect(page.getByText('API healthy')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });

  // Query pages need a signed-in user: the guard sends the visitor to the login page and back afterwards.
  await nav.getByRole('link', { name: 'Operators', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Foperators$/);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/operators$/);
  await expect(page.getByRole('main').getByRole('heading', { name: 'Operators' })).toBeVisible();

  // A deep link: the server answers /operators with the SPA, which restores the session and routes to the page.
  await page.reload();
  await expect(page).toHaveURL(/\/operators$/);
  await expect(banner.getByText('Open Transport Hub')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Operators', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main').getByRole('heading', { name: 'Operators' })).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'operators.png'), fullPage: true });
});
