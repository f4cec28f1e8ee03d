import {
  RECORD_FIELDS,
  RefNames,
  toConcessionDto,
  toCustomerDto,
  toLocationRef,
  toPurchaseDto,
  toUsageDto,
} from './customer-mapping';
import { Concession } from './entities/concession.entity';
import { Customer } from './entities/customer.entity';
import { Purchase } from './entities/purchase.entity';
import type { LocationRef } from './entities/record-details.embeddable';
import { Usage } from './entities/usage.entity';
import { kebabCase, toOtiConcession, toOtiPurchase, toOtiUsage, withKebabKeys } from './oti-records';

const names: RefNames = {
  mode: (id) => ({ '007': 'bus', '012': 'water ferry' })[id] ?? '',
  operator: (id) => ({ '029': 'PSD Buses' })[id] ?? '',
};
const at = (text: string) => new Date(text);
const transaction = {
  time: at('2026-03-01T08:12:00Z'),
  reference: 'TX-1',
  paymentType: 'purchase',
  paymentMethod: 'card',
  price: { amount: 870, currency: 'GBP' },
};
const ticket = { numberOfUsages: null, reference: 'TK-1', referenceType: 'barcode', medium: 'mobile' };

function purchase(overrides: Partial<Purchase> = {}): Purchase {
  return Object.assign(new Purchase(), {
    id: 7,
    customerPk: 99,
    modeId: '007',
    operatorId: '029',
    travelClass: 'standard',
    bookingTime: at('2026-03-01T08:10:00Z'),
    transaction,
    accountBalance: { amount: null, currency: null },
    agent: 'app',
    passengerNumber: 1,
    passengerType: 'adult',
    vehicle: null,
    route: '1A',
    travelValidFrom: at('2026-03-02T00:00:00Z'),
    travelValidTo: at('2026-03-02T23:59:59Z'),
    conditions: null,
    concession: null,
    restrictions: null,
    ticket,
    locationFrom: { naptan: '1100DEA12345', latLong: { latitude: 50.7, longitude: -3.5 } },
    locationTo: null,
    reservedPosition: null,
    serviceRequest: null,
    ...overrides,
  });
}

describe('record mapping (entity → staff DTO → OTI)', () => {
  it('maps a purchase: decimal-string money, ISO UTC times, names from the directory, no internal columns', () => {
    const dto = toPurchaseDto(purchase({ accountBalance: { amount: 1250, currency: 'GBP' } }), names);
    expect(dto).toMatchObject({
      id: 7,
      mode: { id: '007', name: 'bus' },
      operator: { id: '029', name: 'PSD Buses' },
      bookingTime: '2026-03-01T08:10:00.000Z',
      transaction: { time: '2026-03-01T08:12:00.000Z', price: { amount: '8.70', currency: 'GBP' } },
      accountBalance: { amount: '12.50', currency: 'GBP' },
      travelValidFrom: '2026-03-02T00:00:00.000Z',
      locationFrom: { naptan: '1100DEA12345', latLong: { latitude: 50.7, longitude: -3.5 } },
      locationTo: null,
    });
    expect(Object.keys(dto)).toEqual(RECORD_FIELDS.purchases);
    expect(JSON.stringify(dto)).not.toContain('customerPk');
    expect(toPurchaseDto(purchase(), names).accountBalance).toBeNull();
  });

  it('reduces stored locations to their documented keys', () => {
    const odd = { naptan: 'X', secret: 'leak', latLong: { latitude: 'north', longitude: 1 }, accuracy: 5 };
    expect(toLocationRef(odd as unknown as LocationRef)).toEqual({ naptan: 'X', accuracy: 5 });
    expect(toLocationRef(null)).toBeNull();
  });

  it('maps a concession: percent and amount discounts as decimal strings', () => {
    const base = Object.assign(new Concession(), {
      id: 3,
      customerPk: 99,
      modeId: '012',
      operatorId: '029',
      name: 'Island Resident Card',
      price: { amount: 1500, currency: 'GBP' },
      discount: { type: 'amount' as const, value: 250, description: '£2.50 off' },
      transaction,
      validFrom: at('2026-01-01T00:00:00Z'),
      validTo: at('2026-12-31T23:59:59Z'),
      conditions: 'Residents only',
    });
    const dto = toConcessionDto(base, names);
    expect(dto.discount).toEqual({ type: 'amount', value: '2.50', description: '£2.50 off' });
    expect(dto.price).toEqual({ amount: '15.00', currency: 'GBP' });
    expect(Object.keys(dto)).toEqual(RECORD_FIELDS.concessions);
    const percent = toConcessionDto(
      Object.assign(new Concession(), base, { discount: { type: 'percentage', value: 34, description: null } }),
      names,
    );
    expect(percent.discount).toEqual({ type: 'percentage', value: '34', description: null });
  });

  it('maps a usage with its journey points, route lists and services', () => {
    const usage = Object.assign(new Usage(), {
      id: 11,
      customerPk: 99,
      modeId: '007',
      operatorId: '029',
      reference: 'TAP-1',
      travelClass: null,
      travelFrom: { location: { other: 'High St' }, time: at('2026-03-02T07:45:00Z'), reference: 'S1' },
      travelTo: { location: null, time: at('2026-03-02T08:05:00Z'), reference: null },
      purchaseId: 7,
      routeVia: [{ naptan: 'A' }],
      routeAvoid: null,
      ticket,
      prePaid: true,
      price: { amount: 0, currency: 'GBP' },
      services: [{ type: 'bike space', unit: 'bike', amount: 1, price: { amount: 100, currency: 'GBP' } }],
    });
    const dto = toUsageDto(usage, names);
    expect(dto).toMatchObject({
      travelFrom: { location: { other: 'High St' }, time: '2026-03-02T07:45:00.000Z', reference: 'S1' },
      travelTo: { location: null, time: '2026-03-02T08:05:00.000Z', reference: null },
      purchaseId: 7,
      routeVia: [{ naptan: 'A' }],
      routeAvoid: null,
      prePaid: true,
      price: { amount: '0.00', currency: 'GBP' },
      services: [{ type: 'bike space', unit: 'bike', amount: 1, price: { amount: '1.00', currency: 'GBP' } }],
    });
    expect(Object.keys(dto)).toEqual(RECORD_FIELDS.usages);

    const oti = toOtiUsage(dto) as unknown as Record<string, unknown>;
    expect(Object.keys(oti)).toEqual(RECORD_FIELDS.usages.map(kebabCase));
    expect(oti).toMatchObject({
      'travel-from': { time: '2026-03-02T07:45:00.000Z' },
      'purchase-id': 7,
      'pre-paid': true,
    });
  });

  it('OTI records are the staff records with kebab-case keys at every depth, values unchanged', () => {
    const dto = toPurchaseDto(purchase(), names);
    const oti = toOtiPurchase(dto) as unknown as Record<string, unknown>;
    expect(oti).toMatchObject({
      'travel-class': 'standard',
      'travel-valid-from': '2026-03-02T00:00:00.000Z',
      transaction: { 'payment-type': 'purchase', 'payment-method': 'card', price: { amount: '8.70' } },
      ticket: { 'number-of-usages': null, 'reference-type': 'barcode' },
      'location-from': { 'lat-long': { latitude: 50.7, longitude: -3.5 } },
    });
    const keys = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(keys)
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)])
          : [];
    for (const key of keys(oti)) expect(key).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(withKebabKeys([{ aB: [{ cD: 1 }] }, null, 'xY'])).toEqual([{ 'a-b': [{ 'c-d': 1 }] }, null, 'xY']);
    expect(toOtiConcession).toBeDefined();
  });
});

describe('profile mapping', () => {
  const customer = (overrides: Partial<Customer> = {}) =>
    Object.assign(new Customer(), {
      id: 99,
      operatorId: '029',
      customerId: 'C000001',
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: null,
      dateOfBirth: '1984-06-30',
      address: { line1: '1 High St', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
      createdAt: at('2026-01-01T00:00:00Z'),
      ...overrides,
    });

  it('maps the profile with the operator name, unmasked, without the surrogate key', () => {
    const dto = toCustomerDto(customer(), names);
    expect(dto).toEqual({
      operatorId: '029',
      operatorName: 'PSD Buses',
      customerId: 'C000001',
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: null,
      dateOfBirth: '1984-06-30',
      address: { line1: '1 High St', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
      createdAt: '2026-01-01T00:00:00.000Z',
      piiMasked: false,
    });
  });

  it('gives a null address when every part is empty', () => {
    const empty = { line1: null, line2: null, city: null, postcode: null, country: null };
    expect(toCustomerDto(customer({ address: empty }), names).address).toBeNull();
  });
});
