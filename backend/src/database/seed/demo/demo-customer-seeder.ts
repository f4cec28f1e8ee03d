import { DataSource, In, QueryRunner } from 'typeorm';
import { Concession } from '../../../modules/customers/entities/concession.entity';
import { Customer } from '../../../modules/customers/entities/customer.entity';
import { Purchase } from '../../../modules/customers/entities/purchase.entity';
import { Usage } from '../../../modules/customers/entities/usage.entity';
import { OperatorMode } from '../../../modules/operators/entities/operator-mode.entity';
import { Operator } from '../../../modules/operators/entities/operator.entity';
import { bumpDirectoryVersion } from '../../../modules/operators/operators.repository';
import { BulkInserter, createBulkInserter } from '../bulk-insert';
import { customerNumberOf, DEMO_SEED, DemoAccount, demoAccount, DemoContext } from './demo-generator';

/**
 * The operators demo customers are spread over, with their share in percent: PSD Buses and PSD Ferries (the account
 * linking pair) a quarter each, the rest over a few rail operators. 300 customers → 75 + 75 + 5 × 30.
 */
export const DEMO_OPERATOR_WEIGHTS: readonly (readonly [string, number])[] = [
  ['029', 25],
  ['030', 25],
  ['000', 10],
  ['001', 10],
  ['010', 10],
  ['019', 10],
  ['028', 10],
];

export interface DemoSeedOptions {
  customers: number;
  seed?: number;
  /** Reference time; defaults to the start of the current UTC day (same data all day). */
  now?: Date;
  /** Customers per transaction. */
  batchSize?: number;
  recordsPerKind?: { min: number; max: number };
  onProgress?: (progress: DemoSeedProgress) => void;
}

export interface DemoSeedProgress {
  customers: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

export interface DemoSeedResult {
  customers: number;
  purchases: number;
  concessions: number;
  usages: number;
  /** Customers added per operator. */
  byOperator: Record<string, number>;
  elapsedMs: number;
}

/** Splits `total` by weight (largest remainder), deterministic. */
export function splitByWeight(total: number, weights: readonly (readonly [string, number])[]): Map<string, number> {
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  const shares = weights.map(([id, w]) => ({ id, exact: (total * w) / sum }));
  const result = new Map(shares.map((s) => [s.id, Math.floor(s.exact)]));
  let left = total - [...result.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)));
  for (const share of byRemainder) {
    if (left-- <= 0) break;
    result.set(share.id, result.get(share.id)! + 1);
  }
  return result;
}

export function startOfUtcDay(date = new Date()): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Adds `customers` demo customer accounts with their purchases, concessions and usages. Numbering continues after
 * each operator's highest `C…` customer id, so running it again adds new customers. Needs the catalogue (modes and
 * operators) in place. Writes in batches, one transaction each, generating each batch just before it is written,
 * so memory stays flat whatever the total.
 */
export async function seedDemoCustomers(dataSource: DataSource, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const started = Date.now();
  const driver = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const inserter = createBulkInserter(driver);
  const batchSize = options.batchSize ?? (driver === 'postgres' ? 2000 : 1000);
  const ctx: DemoContext = {
    seed: options.seed ?? DEMO_SEED,
    now: options.now ?? startOfUtcDay(),
    operatorModes: await loadOperatorModes(dataSource),
    recordsPerKind: options.recordsPerKind ?? { min: 1, max: 3 },
  };
  const weights = DEMO_OPERATOR_WEIGHTS.filter(([id]) => ctx.operatorModes.has(id));
  if (weights.length === 0)
    throw new Error('Demo customers need the operator catalogue: seed modes and operators first');

  const result: DemoSeedResult = {
    customers: 0,
    purchases: 0,
    concessions: 0,
    usages: 0,
    byOperator: {},
    elapsedMs: 0,
  };
  const batches: { operatorId: string; first: number; count: number }[] = [];
  for (const [operatorId, count] of splitByWeight(options.customers, weights)) {
    if (count === 0) continue;
    result.byOperator[operatorId] = count;
    const first = (await highestCustomerNumber(dataSource, operatorId)) + 1;
    for (let n = first; n < first + count; n += batchSize) {
      batches.push({ operatorId, first: n, count: Math.min(batchSize, first + count - n) });
    }
  }

  // PostgreSQL: two writers on two connections, so one batch is generated while the server stores the other
  // (node and the server each get a core). SQLite has a single writer.
  const workers = Math.min(driver === 'postgres' ? 2 : 1, batches.length);
  let next = 0;
  const work = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      for (let b = next++; b < batches.length; b = next++) {
        const { operatorId, first, count } = batches[b];
        const accounts = Array.from({ length: count }, (_, i) => demoAccount(ctx, operatorId, first + i));
        await writeBatch(runner, inserter, accounts, driver, result);
        options.onProgress?.({
          customers: result.customers,
          total: options.customers,
          rows: result.customers + result.purchases + result.concessions + result.usages,
          elapsedMs: Date.now() - started,
        });
      }
    } finally {
      await runner.release();
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  await markAccountsHosted(dataSource, Object.keys(result.byOperator));
  result.elapsedMs = Date.now() - started;
  return result;
}

/**
 * The hub now serves these operators' customer accounts: sets `accounts_hosted` where it is not yet set, and bumps
 * the directory version when anything changed so running instances reload their snapshot (catalogue hrefs).
 * Returns the ids it changed.
 */
export async function markAccountsHosted(dataSource: DataSource, operatorIds: string[]): Promise<string[]> {
  if (operatorIds.length === 0) return [];
  return dataSource.transaction(async (manager) => {
    const operators = manager.getRepository(Operator);
    const pending = await operators.find({
      select: { id: true },
      where: { id: In(operatorIds), accountsHosted: false },
    });
    const ids = pending.map((o) => o.id);
    if (ids.length === 0) return [];
    await operators.update({ id: In(ids) }, { accountsHosted: true });
    await bumpDirectoryVersion(manager);
    return ids;
  });
}

async function loadOperatorModes(dataSource: DataSource): Promise<Map<string, string[]>> {
  const rows = await dataSource.getRepository(OperatorMode).find({
    where: { operatorId: In(DEMO_OPERATOR_WEIGHTS.map(([id]) => id)) },
    order: { operatorId: 'ASC', position: 'ASC' },
  });
  const modes = new Map<string, string[]>();
  for (const row of rows) modes.set(row.operatorId, [...(modes.get(row.operatorId) ?? []), row.modeId]);
  return modes;
}

/** The highest n of the operator's `C<n>` customer ids (0 when none). */
export async function highestCustomerNumber(dataSource: DataSource, operatorId: string): Promise<number> {
  const longest = await dataSource
    .getRepository(Customer)
    .createQueryBuilder('c')
    .select('MAX(LENGTH(c.customerId))', 'length')
    .where('c.operatorId = :operatorId', { operatorId })
    .andWhere('c.customerId LIKE :prefix', { prefix: 'C%' })
    .getRawOne<{ length: number | string | null }>();
  if (!longest?.length) return 0;
  const highest = await dataSource
    .getRepository(Customer)
    .createQueryBuilder('c')
    .select('MAX(c.customerId)', 'id')
    .where('c.operatorId = :operatorId', { operatorId })
    .andWhere('c.customerId LIKE :prefix', { prefix: 'C%' })
    .andWhere('LENGTH(c.customerId) = :length', { length: Number(longest.length) })
    .getRawOne<{ id: string | null }>();
  return (highest?.id && customerNumberOf(highest.id)) || 0;
}

async function writeBatch(
  runner: QueryRunner,
  inserter: BulkInserter,
  accounts: DemoAccount[],
  driver: 'postgres' | 'sqlite',
  totals: DemoSeedResult,
): Promise<void> {
  await runner.startTransaction();
  try {
    // Seed data can be regenerated: on PostgreSQL, do not wait for the WAL flush at each commit.
    if (driver === 'postgres') await runner.query('SET LOCAL synchronous_commit = off');
    const customerIds = await inserter.allocateIds(runner, Customer, accounts.length);
    const purchaseIds = await inserter.allocateIds(
      runner,
      Purchase,
      accounts.reduce((n, a) => n + a.purchases.length, 0),
    );
    // The generated objects are fresh and used once: add the keys in place rather than copying millions of rows.
    const customers: object[] = [];
    const purchases: object[] = [];
    const concessions: object[] = [];
    const usages: object[] = [];
    let nextPurchase = 0;
    accounts.forEach((account, i) => {
      const customerPk = customerIds[i];
      customers.push(Object.assign(account.customer, { id: customerPk }));
      const ids = account.purchases.map((p) => {
        const id = purchaseIds[nextPurchase++];
        purchases.push(Object.assign(p, { id, customerPk }));
        return id;
      });
      for (const c of account.concessions) concessions.push(Object.assign(c, { customerPk }));
      for (const u of account.usages) {
        const purchaseId = u.purchaseIndex === null ? null : ids[u.purchaseIndex];
        usages.push(Object.assign(u, { customerPk, purchaseId }));
      }
    });
    await inserter.insert(runner, Customer, customers);
    await inserter.insert(runner, Purchase, purchases);
    await inserter.insert(runner, Concession, concessions);
    await inserter.insert(runner, Usage, usages);
    await runner.commitTransaction();
    totals.customers += customers.length;
    totals.purchases += purchases.length;
    totals.concessions += concessions.length;
    totals.usages += usages.length;
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  }
}
