import { demoContext } from '../testing/demo-context.factory';
import { customerIdFor, customerNumberOf, demoAccount, personKeyFor, SHARED_PERSON_EVERY } from './demo-generator';
import { splitByWeight, startOfUtcDay } from './demo-customer-seeder';

const DAY = 86_400_000;

describe('demoAccount', () => {
  const ctx = demoContext();

  it('is deterministic: the same inputs give the same account', () => {
    expect(demoAccount(ctx, '029', 17)).toEqual(demoAccount(demoContext(), '029', 17));
    expect(demoAccount(ctx, '029', 17)).not.toEqual(demoAccount(ctx, '029', 18));
    expect(demoAccount(ctx, '029', 17)).not.toEqual(demoAccount(demoContext({ seed: 99 }), '029', 17));
  });

  it('makes a plausible UK customer with reserved-range contact details', () => {
    const { customer } = demoAccount(ctx, '010', 123);
    expect(customer).toMatchObject({ operatorId: '010', customerId: 'C000123' });
    expect(customer.name).toMatch(/^\S+ \S+/);
    expect(customer.email).toMatch(/^[a-z-]+\.[a-z-]+123@example\.(com|net|org)$/);
    expect(customer.phone).toMatch(/^(07700 900\d{3}|0\d{2,3} \d{3,4} \d{4})$/);
    expect(customer.dateOfBirth).toMatch(/^(19[4-9]\d|200[0-7])-\d{2}-\d{2}$/);
    expect(customer.address.postcode).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
    expect(customer.address.country).toBe('GB');
  });

  it('gives every PSD Ferries customer n that is a multiple of the sharing step the PSD Buses person n', () => {
    const n = SHARED_PERSON_EVERY * 5;
    const ferry = demoAccount(ctx, '030', n).customer;
    const bus = demoAccount(ctx, '029', n).customer;
    expect(ferry.email).toBe(bus.email);
    expect({ ...ferry, operatorId: '', createdAt: null }).toEqual({ ...bus, operatorId: '', createdAt: null });
    expect(demoAccount(ctx, '030', n + 1).customer.email).not.toBe(demoAccount(ctx, '029', n + 1).customer.email);
    expect(personKeyFor('029', n)).toEqual({ operatorId: '029', n });
  });

  it("keeps records on the operator's own modes, in GBP minor units, within the two years before now", () => {
    const from = ctx.now.getTime() - 730 * DAY;
    const to = ctx.now.getTime();
    const within = (d: Date) => d.getTime() >= from && d.getTime() <= to;
    for (let n = 1; n <= 50; n++) {
      const account = demoAccount(ctx, '030', n);
      const records = [...account.purchases, ...account.concessions, ...account.usages];
      expect(within(account.customer.createdAt)).toBe(true);
      for (const record of records) {
        expect(record.operatorId).toBe('030');
        expect(['011', '012']).toContain(record.modeId);
      }
      for (const p of account.purchases) {
        expect(Number.isInteger(p.transaction.price.amount)).toBe(true);
        expect(p.transaction.price.currency).toBe('GBP');
        expect([p.bookingTime, p.transaction.time, p.travelValidFrom].every(within)).toBe(true);
        expect(p.travelValidTo.getTime()).toBeGreaterThan(p.travelValidFrom.getTime());
        expect(p.bookingTime.getTime()).toBeLessThanOrEqual(p.travelValidFrom.getTime());
      }
      for (const c of account.concessions) expect(within(c.validFrom)).toBe(true);
      for (const u of account.usages) {
        expect([u.travelFrom.time, u.travelTo.time].every(within)).toBe(true);
        expect(u.travelTo.time.getTime()).toBeGreaterThan(u.travelFrom.time.getTime());
        if (u.purchaseIndex !== null) {
          const p = account.purchases[u.purchaseIndex];
          expect(u.prePaid).toBe(true);
          expect(u.travelFrom.time.getTime()).toBeGreaterThanOrEqual(p.travelValidFrom.getTime());
        }
      }
      expect(account.purchases.length).toBeGreaterThanOrEqual(1);
      expect(account.purchases.length).toBeLessThanOrEqual(3);
    }
  });

  it('honours the records-per-kind range', () => {
    const account = demoAccount(demoContext({ recordsPerKind: { min: 0, max: 0 } }), '010', 1);
    expect([account.purchases, account.concessions, account.usages]).toEqual([[], [], []]);
  });

  it('refuses an operator without modes', () => {
    expect(() => demoAccount(ctx, '001', 1)).toThrow(/no modes/);
  });
});

describe('customer ids', () => {
  it.each([
    [1, 'C000001'],
    [123, 'C000123'],
    [1_234_567, 'C1234567'],
  ])('numbers %d as %s and back', (n, id) => {
    expect(customerIdFor(n)).toBe(id);
    expect(customerNumberOf(id)).toBe(n);
  });

  it('ignores ids it did not make', () => {
    expect(customerNumberOf('X12')).toBeUndefined();
    expect(customerNumberOf('C12')).toBeUndefined();
  });
});

describe('splitByWeight', () => {
  it('splits the default 300 customers 75/75/30×5 with PSD Buses and Ferries well represented', () => {
    const split = splitByWeight(300, [
      ['029', 25],
      ['030', 25],
      ['000', 10],
      ['001', 10],
      ['010', 10],
      ['019', 10],
      ['028', 10],
    ]);
    expect(Object.fromEntries(split)).toEqual({
      '029': 75,
      '030': 75,
      '000': 30,
      '001': 30,
      '010': 30,
      '019': 30,
      '028': 30,
    });
  });

  it('always adds up to the total', () => {
    for (const total of [0, 1, 7, 301, 999_999]) {
      const split = splitByWeight(total, [
        ['a', 3],
        ['b', 3],
        ['c', 1],
      ]);
      expect([...split.values()].reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe('startOfUtcDay', () => {
  it('truncates to midnight UTC', () => {
    expect(startOfUtcDay(new Date('2026-03-04T15:16:17Z')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });
});
