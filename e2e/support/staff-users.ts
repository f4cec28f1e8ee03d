import { type APIRequestContext, expect } from '@playwright/test';
import { emailedLink } from './mailbox';
import { E2E_ADMIN } from './test-users';

export interface StaffUser {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/**
 * Creates a signed-up, password-holding staff user the way production does, through the API: the administrator
 * invites (`POST /api/v1/users`), the invitee sets a password from the emailed link (`POST /auth/accept-invitation`).
 * `request` should be Playwright's own `request` fixture, so the admin's session never touches the page's cookies.
 */
export async function createStaffUser(
  request: APIRequestContext,
  role: 'viewer' | 'operator' | 'admin',
  options: { readonly operatorId?: string; readonly displayName: string },
): Promise<StaffUser> {
  const email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const password = `${role} e2e passphrase ${Date.now()}`;

  const login = await request.post('/api/v1/auth/login', { data: E2E_ADMIN });
  expect(login.status(), 'admin API login').toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };

  const invite = await request.post('/api/v1/users', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: {
      email,
      displayName: options.displayName,
      role,
      ...(options.operatorId ? { operatorId: options.operatorId } : {}),
    },
  });
  expect(invite.status(), `invite ${role}: ${await invite.text()}`).toBe(201);

  const link = new URL(await emailedLink(email, '/accept-invitation'), 'http://app.invalid');
  const accept = await request.post('/api/v1/auth/accept-invitation', {
    data: { token: link.searchParams.get('token'), password },
  });
  expect(accept.status(), `accept invitation: ${await accept.text()}`).toBe(204);

  await request.post('/api/v1/auth/logout', { headers: { Authorization: `Bearer ${accessToken}` } });
  return { email, password, displayName: options.displayName };
}
