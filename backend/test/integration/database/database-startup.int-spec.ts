import { Logger } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import * as bcrypt from 'bcrypt';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../../src/config/config.module';
import { DatabaseModule } from '../../../src/database/database.module';
import {
  AdminBootstrapError,
  DatabaseStartupService,
  DEMO_ADMIN,
  StartupReport,
} from '../../../src/database/startup/database-startup.service';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { OperatorMode } from '../../../src/modules/operators/entities/operator-mode.entity';
import { User } from '../../../src/modules/users/entities/user.entity';
import { testDatabaseEnv, testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, testConfig } from './fresh-database';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_ACCESS_SECRET: 'Zq3v9XbT7wLk2Rf8Hn4Jm6Pc1Sd5Gy0AeUo',
  JWT_REFRESH_SECRET: 'oUeA0yG5dS1cP6mJ4nH8fR2kLw7TbX9v3qZ',
  PUBLIC_URL: 'https://hub.example.org',
};

/** A Nest context holding just the config and the database module, as the app wires them. */
async function startupModule(env: NodeJS.ProcessEnv, overrides: NodeJS.ProcessEnv = {}): Promise<TestingModule> {
  const config = testConfig(env, overrides);
  return Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DatabaseModule] }).compile();
}

async function prepare(env: NodeJS.ProcessEnv, overrides: NodeJS.ProcessEnv = {}): Promise<StartupReport> {
  const moduleRef = await startupModule(env, overrides);
  try {
    return await moduleRef.get(DatabaseStartupService).prepare();
  } finally {
    await moduleRef.close();
  }
}

async function withDataSource<T>(env: NodeJS.ProcessEnv, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const moduleRef = await startupModule(env);
  try {
    return await work(moduleRef.get(DataSource));
  } finally {
    await moduleRef.close();
  }
}

const findUser = (env: NodeJS.ProcessEnv, email: string) =>
  withDataSource(env, (ds) => ds.getRepository(User).findOneByOrFail({ email }));

describe(`DatabaseStartupService (${testDbKind()})`, () => {
  const fresh: FreshDatabase[] = [];
  const freshEnv = async (label: string) => {
    const db = await freshDatabase(label);
    fresh.push(db);
    return db.env;
  };

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(async () => {
    for (const db of fresh) await db.drop();
  });

  describe("on the run's shared database", () => {
    it('prepares it (whatever other test files did first) and is idempotent', async () => {
      const env = testDatabaseEnv();
      const first = await prepare(env);
      expect(first.admin.email).toMatch(/@/);
      const second = await prepare(env);
      expect(second.migrations).toEqual([]);
      expect(second.seeded).toEqual({ modes: 0, operators: 0, customers: 0 });
      expect(second.admin).toEqual({ email: first.admin.email, created: false });

      await withDataSource(env, async (ds) => {
        const ferries = await ds
          .getRepository(OperatorMode)
          .find({ where: { operatorId: '030' }, order: { position: 'ASC' } });
        expect(ferries.map((m) => m.modeId)).toEqual(['011', '012']);
        expect(await ds.getRepository(Customer).existsBy({ operatorId: '029' })).toBe(true);
        expect(await ds.getRepository(Customer).existsBy({ operatorId: '030' })).toBe(true);
      });
    });
  });

  describe('on an empty database', () => {
    it('migrates, seeds the catalogue and demo customers, and creates the demo admin with a generated password', async () => {
      const env = await freshEnv('startup_dev');
      const report = await prepare(env, { DEMO_CUSTOMERS: '120' });
      expect(report.migrations.length).toBeGreaterThan(0);
      expect(report.seeded).toEqual({ modes: 16, operators: 31, customers: 120 });
      expect(report.admin).toEqual({ email: DEMO_ADMIN.email, created: true, generatedPassword: expect.any(String) });
      expect(report.admin.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);

      const admin = await findUser(env, DEMO_ADMIN.email);
      expect(admin).toMatchObject({ displayName: 'Demo Admin', role: 'admin', status: 'active', operatorId: null });
      expect(admin.verifiedAt).toBeInstanceOf(Date);
      expect(admin.passwordHash).toMatch(/^\$2[aby]\$12\$/);
      expect(await bcrypt.compare(report.admin.generatedPassword!, admin.passwordHash!)).toBe(true);

      const again = await prepare(env, { DEMO_CUSTOMERS: '120' });
      expect(again).toEqual({
        migrations: [],
        seeded: { modes: 0, operators: 0, customers: 0 },
        admin: { email: DEMO_ADMIN.email, created: false },
      });
    });

    it('creates ADMIN_EMAIL with ADMIN_PASSWORD, then updates the password and restores role and status', async () => {
      const env = await freshEnv('startup_admin');
      const created = await prepare(env, {
        ADMIN_EMAIL: 'Ops.Lead@Example.org',
        ADMIN_PASSWORD: 'first-password-123',
        SEED_DEMO_DATA: 'false',
      });
      expect(created).toMatchObject({
        seeded: { modes: 16, operators: 31, customers: 0 },
        admin: { email: 'ops.lead@example.org', created: true },
      });
      expect(created.admin.generatedPassword).toBeUndefined();
      const user = await findUser(env, 'OPS.LEAD@example.org');
      expect(user).toMatchObject({ email: 'ops.lead@example.org', role: 'admin', status: 'active' });
      expect(await bcrypt.compare('first-password-123', user.passwordHash!)).toBe(true);

      await withDataSource(env, (ds) =>
        ds.getRepository(User).update({ id: user.id }, { role: 'viewer', status: 'disabled', operatorId: '029' }),
      );
      const updated = await prepare(env, {
        ADMIN_EMAIL: 'ops.lead@example.org',
        ADMIN_PASSWORD: 'second-password-456',
      });
      expect(updated.admin).toEqual({ email: 'ops.lead@example.org', created: false });
      const after = await findUser(env, 'ops.lead@example.org');
      expect(after).toMatchObject({ role: 'admin', status: 'active', operatorId: null });
      expect(await bcrypt.compare('second-password-456', after.passwordHash!)).toBe(true);
    });

    it('creates ADMIN_EMAIL without ADMIN_PASSWORD with a generated password, once', async () => {
      const env = await freshEnv('startup_gen');
      const first = await prepare(env, { ADMIN_EMAIL: 'root@example.org', SEED_DEMO_DATA: 'false' });
      expect(first.admin).toEqual({ email: 'root@example.org', created: true, generatedPassword: expect.any(String) });
      const user = await findUser(env, 'root@example.org');
      expect(await bcrypt.compare(first.admin.generatedPassword!, user.passwordHash!)).toBe(true);

      const second = await prepare(env, { ADMIN_EMAIL: 'root@example.org', SEED_DEMO_DATA: 'false' });
      expect(second.admin).toEqual({ email: 'root@example.org', created: false });
      expect((await findUser(env, 'root@example.org')).passwordHash).toBe(user.passwordHash);
    });

    it('refuses to start in production without an admin and without ADMIN_EMAIL, naming ADMIN_EMAIL', async () => {
      const env = await freshEnv('startup_prod');
      const attempt = prepare(env, PRODUCTION);
      await expect(attempt).rejects.toThrow(AdminBootstrapError);
      await expect(prepare(env, PRODUCTION)).rejects.toThrow(/ADMIN_EMAIL/);

      // Production seeds the catalogue but no demo customers; once an admin exists it starts without ADMIN_EMAIL.
      const withAdmin = await prepare(env, { ...PRODUCTION, ADMIN_EMAIL: 'admin@hub.example.org' });
      expect(withAdmin.seeded.customers).toBe(0);
      expect(withAdmin.admin).toMatchObject({ email: 'admin@hub.example.org', created: true });
      const later = await prepare(env, PRODUCTION);
      expect(later.admin).toEqual({ email: 'admin@hub.example.org', created: false });
      expect(await withDataSource(env, (ds) => ds.getRepository(Customer).count())).toBe(0);
    });
  });
});
