import { randomBytes, randomUUID } from 'node:crypto';
import * as bcrypt from 'bcrypt';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { CreateAppOptions } from '../../../../src/bootstrap/create-app';
import { User, UserRole, UserStatus } from '../../../../src/modules/users/entities/user.entity';
import { REFRESH_COOKIE } from '../../../../src/modules/auth/refresh-cookie';
import { createTestApp, TestApp } from '../../../support/test-app';

/**
 * Shared JWT secrets: two app instances of one test file must accept each other's tokens, as two production
 * instances do. bcrypt cost 4 keeps the suites fast (production refuses < 12; login-latency measures 12).
 */
export const AUTH_TEST_ENV: NodeJS.ProcessEnv = {
  JWT_ACCESS_SECRET: 'test-access-secret-0123456789-abcdefghijklmnop',
  JWT_REFRESH_SECRET: 'test-refresh-secret-9876543210-qrstuvwxyzabcd',
  BCRYPT_COST: '4',
  PUBLIC_URL: 'http://hub.test',
};

export const TEST_BCRYPT_COST = 4;

export function createAuthTestApp(env: NodeJS.ProcessEnv = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  return createTestApp({ ...AUTH_TEST_ENV, ...env }, options);
}

/** A fresh email per call: all test files of a run share one database. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.org`;
}

/** A password of the right length that is on no common list. */
export function strongPassword(): string {
  return `tram ${randomBytes(6).toString('hex')} harbour`;
}

export interface UserOverrides {
  email?: string;
  displayName?: string;
  password?: string | null;
  role?: UserRole;
  operatorId?: string | null;
  status?: UserStatus;
  verified?: boolean;
}

/** Inserts a user directly (a factory with overridable defaults: an active, verified viewer). */
export async function createUser(t: TestApp, overrides: UserOverrides = {}): Promise<{ user: User; password: string }> {
  const password = overrides.password === undefined ? strongPassword() : (overrides.password ?? '');
  const user = Object.assign(new User(), {
    id: randomUUID(),
    email: overrides.email ?? uniqueEmail(overrides.role ?? 'viewer'),
    displayName: overrides.displayName ?? 'Test User',
    passwordHash: overrides.password === null ? null : await bcrypt.hash(password, TEST_BCRYPT_COST),
    role: overrides.role ?? 'viewer',
    operatorId: overrides.operatorId ?? (overrides.role === 'operator' ? '001' : null),
    status: overrides.status ?? 'active',
    verifiedAt: overrides.verified === false ? null : new Date(),
    lastLoginAt: null,
  });
  await t.app.get(DataSource).getRepository(User).insert(user);
  return { user, password };
}

export function login(t: TestApp, email: string, password: string, ip = '127.0.0.1'): Promise<InjectResponse> {
  return t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
}

/** The refresh token a response sets, or undefined. */
export function refreshCookieOf(res: InjectResponse): string | undefined {
  return res.cookies.find((c) => c.name === REFRESH_COOKIE)?.value;
}

export function refresh(t: TestApp, refreshToken: string | undefined): Promise<InjectResponse> {
  return t.inject({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    ...(refreshToken !== undefined && { cookies: { [REFRESH_COOKIE]: refreshToken } }),
  });
}

export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

export interface SignedIn {
  user: User;
  password: string;
  accessToken: string;
  refreshToken: string;
  headers: { authorization: string };
}

/** Creates a user and signs in. */
export async function signIn(t: TestApp, overrides: UserOverrides = {}): Promise<SignedIn> {
  const { user, password } = await createUser(t, overrides);
  const res = await login(t, user.email, password);
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const accessToken = res.json<{ accessToken: string }>().accessToken;
  return { user, password, accessToken, refreshToken: refreshCookieOf(res)!, headers: bearer(accessToken) };
}

export function me(t: TestApp, headers: Record<string, string>): Promise<InjectResponse> {
  return t.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
}

/** The `token` of an emailed link. */
export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}
