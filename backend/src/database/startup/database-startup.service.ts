import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { DataSource, Repository } from 'typeorm';
import { AppConfigService } from '../../config/app-config.service';
import { Customer } from '../../modules/customers/entities/customer.entity';
import { User } from '../../modules/users/entities/user.entity';
import { ensureCatalogue } from '../seed/catalogue-seeder';
import { seedDemoCustomers } from '../seed/demo/demo-customer-seeder';

/** What the database start-up did; main.ts prints it (the generated password only this once). */
export interface StartupReport {
  /** Names of the migrations applied now. */
  migrations: string[];
  /** Rows seeded now (0 when already present). */
  seeded: { modes: number; operators: number; customers: number };
  /** The administrator account ensured at start-up. */
  admin: { email: string; created: boolean; generatedPassword?: string };
}

/** No administrator in production and none configured: the process must not start. */
export class AdminBootstrapError extends Error {
  override name = 'AdminBootstrapError';
}

export const BCRYPT_COST = 12;
export const DEMO_ADMIN = { email: 'admin@example.org', displayName: 'Demo Admin' } as const;
const CONFIGURED_ADMIN_NAME = 'Administrator';
/** Any constant works: every instance of the app takes the same PostgreSQL advisory lock around start-up. */
const STARTUP_LOCK_KEY = 715_204_113;

/** A random password for a generated admin account: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Brings the database to a usable state before the app serves requests:
 * 1. pending migrations (each in its own transaction);
 * 2. the OTI seed catalogue (16 modes, 31 operators) when the operators table is empty;
 * 3. demo customers when `seed.demoData` is on and there are no customers yet;
 * 4. the administrator: ADMIN_EMAIL (created, or made an active verified admin, password set when ADMIN_PASSWORD is
 *    given, generated when the account has none); without ADMIN_EMAIL and without an active admin, development and
 *    test get `admin@example.org` with a generated password, production stops with an error naming ADMIN_EMAIL.
 * On PostgreSQL the whole sequence runs under an advisory lock, so instances starting together take turns.
 */
@Injectable()
export class DatabaseStartupService {
  private readonly logger = new Logger(DatabaseStartupService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
  ) {}

  async prepare(): Promise<StartupReport> {
    return this.withStartupLock(async () => {
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      const migrations = applied.map((m) => m.name);
      if (migrations.length > 0) this.logger.log(`Applied ${migrations.length} migration(s): ${migrations.join(', ')}`);

      const catalogue = await this.dataSource.transaction((manager) => ensureCatalogue(manager));
      if (catalogue.modes || catalogue.operators) {
        this.logger.log(`Seeded the catalogue: ${catalogue.modes} modes, ${catalogue.operators} operators`);
      }

      let customers = 0;
      const { demoData, demoCustomers } = this.config.seed;
      if (demoData && demoCustomers > 0 && !(await this.dataSource.getRepository(Customer).exists())) {
        customers = (await seedDemoCustomers(this.dataSource, { customers: demoCustomers })).customers;
        this.logger.log(`Seeded ${customers} demo customers with their purchases, concessions and usages`);
      }

      const admin = await this.bootstrapAdmin();
      return { migrations, seeded: { ...catalogue, customers }, admin };
    });
  }

  private async bootstrapAdmin(): Promise<StartupReport['admin']> {
    const users = this.dataSource.getRepository(User);
    if (this.config.admin) {
      return this.ensureAdmin(users, this.config.admin.email, CONFIGURED_ADMIN_NAME, this.config.admin.password);
    }
    const existing = await users.findOne({ where: { role: 'admin', status: 'active' }, order: { createdAt: 'ASC' } });
    if (existing) return { email: existing.email, created: false };
    if (this.config.isProduction) {
      throw new AdminBootstrapError(
        'No active administrator exists. Set ADMIN_EMAIL (and ADMIN_PASSWORD, or note the password generated at ' +
          'start-up) to create the first one.',
      );
    }
    return this.ensureAdmin(users, DEMO_ADMIN.email, DEMO_ADMIN.displayName);
  }

  /** Creates the admin, or makes the existing account an active, verified admin; sets or generates the password. */
  private async ensureAdmin(
    users: Repository<User>,
    email: string,
    displayName: string,
    password?: string,
  ): Promise<StartupReport['admin']> {
    const user = await users.findOneBy({ email });
    const generatedPassword = !password && !user?.passwordHash ? generatePassword() : undefined;
    const newPassword = password ?? generatedPassword;
    const now = new Date();

    if (!user) {
      await users.insert({
        id: randomUUID(),
        email,
        displayName,
        passwordHash: await bcrypt.hash(newPassword!, BCRYPT_COST),
        role: 'admin',
        status: 'active',
        operatorId: null,
        verifiedAt: now,
      });
      this.logger.log('Created the administrator account');
      return { email: email.toLowerCase(), created: true, ...(generatedPassword && { generatedPassword }) };
    }

    const changes: Partial<User> = {};
    if (user.role !== 'admin') changes.role = 'admin';
    if (user.operatorId !== null) changes.operatorId = null;
    if (user.status !== 'active') changes.status = 'active';
    if (!user.verifiedAt) changes.verifiedAt = now;
    if (newPassword && !(user.passwordHash && (await bcrypt.compare(newPassword, user.passwordHash)))) {
      changes.passwordHash = await bcrypt.hash(newPassword, BCRYPT_COST);
    }
    if (Object.keys(changes).length > 0) {
      await users.update({ id: user.id }, changes);
      this.logger.log(`Updated the administrator account (${Object.keys(changes).join(', ')})`);
    }
    return { email: user.email, created: false, ...(generatedPassword && { generatedPassword }) };
  }

  private async withStartupLock<T>(work: () => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'postgres') return work();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
