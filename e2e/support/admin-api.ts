import { type APIRequestContext, expect } from '@playwright/test';
import { E2E_ADMIN } from './test-users';

/**
 * Reads `path` (under /api/v1) as the e2e administrator, for journeys that need to know the seeded data they work on
 * (the demo customers are generated, so their names are looked up rather than copied). Signs out again afterwards.
 * `request` should be Playwright's own `request` fixture, so the admin's session never touches the page's cookies.
 */
export async function adminApiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const login = await request.post('/api/v1/auth/login', { data: E2E_ADMIN });
  expect(login.status(), 'admin API login').toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  try {
    const response = await request.get(`/api/v1${path}`, { headers });
    expect(response.status(), `GET ${path}: ${await response.text()}`).toBe(200);
    return (await response.json()) as T;
  } finally {
    await request.post('/api/v1/auth/logout', { headers });
  }
}
