import { DataSource } from 'typeorm';
import { User } from '../../../src/modules/users/entities/user.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser, me, signIn, SignedIn, uniqueEmail } from './support/auth-fixtures';

describe('user administration', () => {
  let t: TestApp;
  let second: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createAuthTestApp();
    second = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const patch = (id: string, payload: object, headers = admin.headers) =>
    t.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers, payload });

  it('lists users in pages, filtered by email or name, without internals', async () => {
    const marker = `zq${Date.now()}`;
    await createUser(t, { displayName: `Alpha ${marker}` });
    await createUser(t, { displayName: `Beta ${marker.toUpperCase()}` });
    const page = (n: number) =>
      t.inject({ method: 'GET', url: `/api/v1/users?q=${marker}&pageSize=1&page=${n}`, headers: admin.headers });
    const [res, first] = [await page(2), await page(1)];
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [expect.any(Object)] });
    // Both were created in the same second: either order is right, but the two pages hold both.
    const names = [first, res].map((r) => r.json<{ items: { displayName: string }[] }>().items[0].displayName);
    expect(names.sort()).toEqual([`Alpha ${marker}`, `Beta ${marker.toUpperCase()}`]);
    expect(res.body).not.toContain('passwordHash');
    const wild = await t.inject({ method: 'GET', url: '/api/v1/users?q=%25', headers: admin.headers });
    expect(wild.json().total).toBe(0);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/users?pageSize=1000', headers: admin.headers })).statusCode,
    ).toBe(400);
  });

  it('invites with a valid role/operator binding only', async () => {
    const invite = (payload: object) =>
      t.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload });
    const base = { displayName: 'Invitee' };
    expect((await invite({ ...base, email: uniqueEmail(), role: 'operator' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'operatorId', constraint: 'operatorRequired' })],
    });
    expect((await invite({ ...base, email: uniqueEmail(), role: 'viewer', operatorId: '001' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await invite({ ...base, email: uniqueEmail(), role: 'operator', operatorId: '998' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await invite({ ...base, email: uniqueEmail(), role: 'superuser' })).json().code).toBe('VALIDATION_FAILED');
    expect((await invite({ ...base, email: uniqueEmail(), role: 'viewer', passwordHash: 'x' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const { user } = await createUser(t);
    expect((await invite({ ...base, email: user.email.toUpperCase(), role: 'viewer' })).json()).toMatchObject({
      statusCode: 409,
      code: 'EMAIL_TAKEN',
    });
  });

  it('changes role and binding; the change applies to live sessions at once', async () => {
    const s = await signIn(t, { role: 'viewer' });
    const toOperator = await patch(s.user.id, { role: 'operator', operatorId: '004' });
    expect(toOperator.statusCode).toBe(200);
    expect(toOperator.json()).toMatchObject({ role: 'operator', operatorId: '004' });
    expect((await me(second, s.headers)).json()).toMatchObject({ role: 'operator', operatorId: '004' });

    expect((await patch(s.user.id, { operatorId: null })).json().code).toBe('VALIDATION_FAILED');
    expect((await patch(s.user.id, { role: 'viewer', operatorId: '004' })).json().code).toBe('VALIDATION_FAILED');
    // Leaving the operator role drops the binding.
    expect((await patch(s.user.id, { role: 'admin' })).json()).toMatchObject({ role: 'admin', operatorId: null });
    expect((await t.inject({ method: 'GET', url: '/api/v1/users', headers: s.headers })).statusCode).toBe(200);
    expect((await patch(s.user.id, { role: 'viewer', email: 'x@example.org' })).json().code).toBe('VALIDATION_FAILED');
  });

  it('disabling a user ends their sessions at once, on every instance; they cannot sign in', async () => {
    const s = await signIn(t);
    expect((await me(second, s.headers)).statusCode).toBe(200);
    const res = await patch(s.user.id, { status: 'disabled' });
    expect(res.json()).toMatchObject({ status: 'disabled' });
    expect((await me(second, s.headers)).json().code).toBe('SESSION_EXPIRED');
    expect((await me(t, s.headers)).json().code).toBe('SESSION_EXPIRED');
    const again = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.user.email, password: s.password },
    });
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('a user disabled directly in the database is refused on the next request', async () => {
    const s = await signIn(t);
    await t.app.get(DataSource).getRepository(User).update({ id: s.user.id }, { status: 'disabled' });
    expect((await me(second, s.headers)).json().code).toBe('SESSION_EXPIRED');
  });

  it('admins cannot change their own role or status; unknown ids give USER_NOT_FOUND', async () => {
    expect((await patch(admin.user.id, { role: 'viewer' })).json()).toMatchObject({
      statusCode: 409,
      code: 'CANNOT_MODIFY_SELF',
    });
    expect((await patch(admin.user.id, { status: 'disabled' })).json().code).toBe('CANNOT_MODIFY_SELF');
    expect((await patch(admin.user.id, { displayName: 'Chief' })).json()).toMatchObject({
      displayName: 'Chief',
      role: 'admin',
    });
    expect((await patch('6f1c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f', { displayName: 'X' })).json()).toMatchObject({
      statusCode: 404,
      code: 'USER_NOT_FOUND',
    });
  });
});
