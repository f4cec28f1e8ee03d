import { DataSource, In } from 'typeorm';
import { Concession } from '../../../src/modules/customers/entities/concession.entity';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { Purchase } from '../../../src/modules/customers/entities/purchase.entity';
import { Usage } from '../../../src/modules/customers/entities/usage.entity';
import { Mode } from '../../../src/modules/operators/entities/mode.entity';
import { OperatorMiptaUrl } from '../../../src/modules/operators/entities/operator-mipta-url.entity';
import { OperatorMode } from '../../../src/modules/operators/entities/operator-mode.entity';
import { Operator } from '../../../src/modules/operators/entities/operator.entity';
import { ensureCatalogue } from '../../../src/database/seed/catalogue-seeder';
import { seedDemoCustomers } from '../../../src/database/seed/demo/demo-customer-seeder';
import { DEMO_SEED, demoAccount } from '../../../src/database/seed/demo/demo-generator';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource } from './fresh-database';

const NOW = new Date('2026-05-01T00:00:00Z');

describe(`seed data (${testDbKind()})`, () => {
  let db: FreshDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await freshDatabase('seed');
    dataSource = await openDataSource(db.env);
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  describe('catalogue', () => {
    it('imports the 16 modes and the 31 operators once', async () => {
      expect(await dataSource.transaction((m) => ensureCatalogue(m))).toEqual({ modes: 16, operators: 31 });
      expect(await dataSource.transaction((m) => ensureCatalogue(m))).toEqual({ modes: 0, operators: 0 });
      expect(await dataSource.getRepository(Mode).count()).toBe(16);
      expect(await dataSource.getRepository(Operator).count()).toBe(31);
    });

    it('repairs operator 030: two modes, 011 then 012', async () => {
      const modes = await dataSource.getRepository(OperatorMode).find({
        where: { operatorId: '030' },
        order: { position: 'ASC' },
      });
      expect(modes.map((m) => [m.position, m.modeId])).toEqual([
        [1, '011'],
        [2, '012'],
      ]);
    });

    it("repairs operator 021's MIPTA URL copied from 020", async () => {
      const urls = await dataSource.getRepository(OperatorMiptaUrl).find({ where: { operatorId: In(['020', '021']) } });
      const byOperator = Object.fromEntries(urls.map((u) => [u.operatorId, u.url]));
      expect(byOperator['021']).not.toBe(byOperator['020']);
      expect(byOperator).toEqual({
        '020': 'https://mipta.southwesternrailway.com',
        '021': 'https://mipta.southeasternrailway.co.uk/',
      });
    });

    it('keeps blank emails and phones blank, and loads operators with their relations', async () => {
      const avanti = await dataSource.getRepository(Operator).findOneOrFail({
        where: { id: '001' },
        relations: { modes: { mode: true }, miptaUrls: true },
      });
      expect(avanti).toMatchObject({ name: 'Avanti West Coast', kind: 'operator', email: '', phone: '' });
      expect(avanti.modes.map((m) => m.mode?.shortDesc)).toEqual(['train']);
      expect(avanti.customerAccountUrl).toBe('https://opentransport.avantiwestcoast.co.uk/');
      expect(avanti.createdAt).toBeInstanceOf(Date);
    });
  });

  describe('demo customers', () => {
    it('adds customers over several operators, at least 40 each at PSD Buses (029) and PSD Ferries (030)', async () => {
      const result = await seedDemoCustomers(dataSource, { customers: 300, now: NOW });
      expect(result.customers).toBe(300);
      expect(result.byOperator).toMatchObject({ '029': 75, '030': 75 });
      const rows = await dataSource
        .getRepository(Customer)
        .createQueryBuilder('c')
        .select('c.operatorId', 'operatorId')
        .addSelect('COUNT(*)', 'n')
        .groupBy('c.operatorId')
        .getRawMany<{ operatorId: string; n: string | number }>();
      const counts = Object.fromEntries(rows.map((r) => [r.operatorId, Number(r.n)]));
      expect(counts['029']).toBeGreaterThanOrEqual(40);
      expect(counts['030']).toBeGreaterThanOrEqual(40);
      expect(Object.keys(counts).length).toBeGreaterThanOrEqual(5);
      for (const kind of [Purchase, Concession, Usage]) {
        expect(await dataSource.getRepository(kind).count()).toBeGreaterThanOrEqual(300);
      }
    });

    it('gives some people accounts at both 029 and 030 under the same email', async () => {
      const customers = dataSource.getRepository(Customer);
      const buses = await customers.find({ where: { operatorId: '029' } });
      const ferries = new Set((await customers.find({ where: { operatorId: '030' } })).map((c) => c.email));
      expect(buses.filter((c) => ferries.has(c.email)).length).toBeGreaterThanOrEqual(10);
    });

    it('stores a generated account faithfully (embedded values, instants, JSON, money in minor units)', async () => {
      const ctx = {
        seed: DEMO_SEED,
        now: NOW,
        operatorModes: new Map([['030', ['011', '012']]]),
        recordsPerKind: { min: 1, max: 3 },
      };
      const expected = demoAccount(ctx, '030', 7);
      const customer = await dataSource
        .getRepository(Customer)
        .findOneByOrFail({ operatorId: '030', customerId: 'C000007' });
      expect({ ...customer, id: undefined }).toEqual({ ...expected.customer, id: undefined });

      const purchases = await dataSource
        .getRepository(Purchase)
        .find({ where: { customerPk: customer.id }, order: { id: 'ASC' } });
      expect(purchases.map(({ id: _id, customerPk: _pk, ...p }) => p)).toEqual(expected.purchases);

      const usages = await dataSource
        .getRepository(Usage)
        .find({ where: { customerPk: customer.id }, order: { id: 'ASC' } });
      expect(usages.map(({ id: _id, customerPk: _pk, purchaseId: _p, ...u }) => u)).toEqual(
        expected.usages.map(({ purchaseIndex: _i, ...u }) => u),
      );
      usages.forEach((u, i) => {
        const index = expected.usages[i].purchaseIndex;
        expect(u.purchaseId).toBe(index === null ? null : purchases[index].id);
      });
    });

    it('continues numbering when run again', async () => {
      const result = await seedDemoCustomers(dataSource, { customers: 20, now: NOW });
      expect(result.byOperator['029']).toBe(5);
      const newest = await dataSource.getRepository(Customer).find({
        where: { operatorId: '029' },
        order: { id: 'DESC' },
        take: 5,
      });
      expect(newest.map((c) => c.customerId).sort()).toEqual(['C000076', 'C000077', 'C000078', 'C000079', 'C000080']);
    });

    it('filters records by customer and date window with the indexed columns', async () => {
      const customer = await dataSource
        .getRepository(Customer)
        .findOneByOrFail({ operatorId: '029', customerId: 'C000001' });
      const all = await dataSource.getRepository(Purchase).find({ where: { customerPk: customer.id } });
      const pivot = all[0].travelValidFrom;
      const from = await dataSource
        .getRepository(Purchase)
        .createQueryBuilder('p')
        .where('p.customerPk = :pk', { pk: customer.id })
        .andWhere('p.travelValidTo >= :from', { from: pivot })
        .getMany();
      expect(from.length).toBe(all.filter((p) => p.travelValidTo >= pivot).length);
      expect(from.length).toBeGreaterThanOrEqual(1);
    });
  });
});
