import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { emailedLink } from '../support/mailbox';
import { signIn } from '../support/session';
import { E2E_ADMIN } from '../support/test-users';

const screenshots = join(__dirname, '..', 'artifacts', 'screenshots');

test('admin signs in, sees their name, signs out, and Back shows the login page, not data', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fadmin%2Fusers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'login.png'), fullPage: true });

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(
    page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: E2E_ADMIN.email, exact: true }),
  ).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('button', { name: 'Administrator' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The session survives a reload (access token in memory, restored through the httpOnly refresh cookie).
  await page.goto('/');
  await expect(page.getByText(/^Signed in as .+/)).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'home-signed-in.png'), fullPage: true });
  await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();

  await banner.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByText(E2E_ADMIN.email)).toHaveCount(0);

  // A reload does not bring the session back either: the refresh cookie was revoked and cleared.
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('register → verify through the emailed link → sign in → see your name', async ({ page }) => {
  const email = `reg-${Date.now()}@example.org`;
  const password = 'a sufficiently long passphrase';

  await page.goto('/login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Display name').fill('Rita Register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Check your email to verify your address.' })).toBeVisible();

  // Signing in before verifying is refused with its own message.
  await page.goto('/login');
  await signIn(page, email, password);
  await expect(page.getByRole('alert')).toHaveText('Please verify your email address first — check your inbox.');

  await page.goto(await emailedLink(email, '/verify-email'));
  await expect(
    page.getByRole('status').filter({ hasText: 'Your email address is verified. You can now sign in.' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).last().click();

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Signed in as Rita Register')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Rita Register' })).toBeVisible();
  // A new account is a viewer: no customers, no admin pages.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Customers' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);

  // The verification link works once.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.goto(await emailedLink(email, '/verify-email'));
  await expect(page.getByRole('alert')).toContainText('already been used');
});

test('five wrong passwords lock the account', async ({ page }) => {
  // An address without an account: the lock applies to it as well (nothing leaks), and the admin stays usable.
  const email = `nobody-${Date.now()}@example.org`;
  await page.goto('/login');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, email, `wrong password number ${attempt}`);
    await expect(page.getByRole('alert')).toBeVisible();
    if (attempt < 5) {
      await expect(page.getByRole('alert')).toHaveText('Invalid email or password.');
    }
  }
  await signIn(page, email, 'wrong password number 6');
  await expect(page.getByRole('alert')).toHaveText(/^Too many failed sign-in attempts\. Try again in \d+ minutes\.$/);
  await page.screenshot({ path: join(screenshots, 'login-locked.png'), fullPage: true });
});

test('an admin invites an operator user, who sets a password from the emailed link and signs in', async ({ page }) => {
  const email = `operator-${Date.now()}@example.org`;
  const password = 'operator staff passphrase';

  await page.goto('/login');
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();

  const invite = page.getByRole('form', { name: 'Invite a user' });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Display name').fill('Oscar Operator');
  await invite.getByLabel('Role').selectOption('operator');
  await invite.getByLabel('Operator ID').fill('001');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('operator');
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();

  await page.goto(await emailedLink(email, '/accept-invitation'));
  await expect(page.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your password is set. You can now sign in.' }),
  ).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();

  await signIn(page, email, password);
  await expect(page.getByText('Signed in as Oscar Operator')).toBeVisible();
  // Operator staff see Customers, not the admin pages.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
});
