import { expect, test } from '@playwright/test';
import { join } from 'node:path';

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

  await nav.getByRole('link', { name: 'Operators', exact: true }).click();
  await expect(page).toHaveURL(/\/operators$/);
  await expect(page.getByRole('main').getByRole('heading', { name: 'Operators' })).toBeVisible();

  // A deep link: the server answers /operators with the SPA, which routes to the lazy page.
  await page.reload();
  await expect(page).toHaveURL(/\/operators$/);
  await expect(banner.getByText('Open Transport Hub')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Operators', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main').getByRole('heading', { name: 'Operators' })).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'operators.png'), fullPage: true });
});
