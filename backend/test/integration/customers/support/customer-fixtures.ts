import { randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Concession } from '../../../../src/modules/customers/entities/concession.entity';
import { Customer } from '../../../../src/modules/customers/entities/customer.entity';
import { Purchase } from '../../../../src/modules/customers/entities/purchase.entity';
import { Usage } from '../../../../src/modules/customers/entities/usage.entity';
import type { TestApp } from '../../../support/test-app';
import { signIn, SignedIn } from '../../auth/support/auth-fixtures';
import { createOperator, deleteOperators, uniqueTag } from '../../operators/support/operator-fixtures';

/**
 * Factories for customer data (overridable defaults) and a small world of operators and callers: two hosted test
 * operators A and B (ids 900–999, so never the seed catalogue's), one operator that is not hosted, staff users of
 * each role and API clients with each customer scope. Every customer id carries a per-run tag.
 */

const ids = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;
const at = (iso: string) => new Date(iso);

export function customerRow(operatorId: string, overrides: Partial<Customer> = {}): Customer {
  const customerId = overrides.customerId ?? ids();
  return Object.assign(new Customer(), {
    operatorId,
    customerId,
    name: `Test Person ${customerId}`,
    email: `person.${customerId.toLowerCase()}@example.org`,
    phone: '07700 900123',
    dateOfBirth: '1984-06-30',
    address: { line1: '1 High Street', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
    ...overrides,
  });
}

const transaction = (time: Date) => ({
  time,
  reference: `TX-${randomBytes(3).toString('hex')}`,
  paymentType: 'purchase',
  paymentMethod: 'card',
  price: { amount: 870, currency: 'GBP' },
});
const ticket = { numberOfUsages: null, reference: 'TK-1', referenceType: 'barcode', medium: 'mobile' };

export function purchaseRow(customer: Customer, from: string, to: string, overrides: Partial<Purchase> = {}): Purchase {
  return Object.assign(new Purchase(), {
    customerPk: customer.id,
    modeId: '007',
    operatorId: customer.operatorId,
    travelClass: 'standard',
    bookingTime: at(from),
    transaction: transaction(at(from)),
    accountBalance: { amount: null, currency: null },
    agent: 'app',
    passengerNumber: 1,
    passengerType: 'adult',
    vehicle: null,
    route: '1A',
    travelValidFrom: at(from),
    travelValidTo: at(to),
    conditions: null,
    concession: null,
    restrictions: null,
    ticket,
    locationFrom: { naptan: '1100DEA12345', latLong: { latitude: 50.72, longitude: -3.53 }, accuracy: 10 },
    locationTo: { other: 'Exeter St Davids' },
    reservedPosition: null,
    serviceRequest: null,
    ...overrides,
  });
}

export function concessionRow(
  customer: Customer,
  from: string,
  to: string,
  overrides: Partial<Concession> = {},
): Concession {
  return Object.assign(new Concession(), {
    customerPk: customer.id,
    modeId: '007',
    operatorId: customer.operatorId,
    name: 'Student Saver',
    price: { amount: 1000, currency: 'GBP' },
    discount: { type: 'percentage' as const, value: 25, description: '25% off day and week tickets' },
    transaction: transaction(at(from)),
    validFrom: at(from),
    validTo: at(to),
    conditions: 'Valid student ID required.',
    ...overrides,
  });
}

export function usageRow(customer: Customer, from: string, to: string, overrides: Partial<Usage> = {}): Usage {
  return Object.assign(new Usage(), {
    customerPk: customer.id,
    modeId: '007',
    operatorId: customer.operatorId,
    reference: `TAP-${randomBytes(3).toString('hex')}`,
    travelClass: null,
    travelFrom: { location: { naptan: '1100DEA12345' }, time: at(from), reference: 'S1' },
    travelTo: { location: null, time: at(to), reference: null },
    purchaseId: null,
    routeVia: null,
    routeAvoid: null,
    ticket,
    prePaid: false,
    price: { amount: 250, currency: 'GBP' },
    services: [{ type: 'bike space', unit: 'bike', amount: 1, price: { amount: 100, currency: 'GBP' } }],
    ...overrides,
  });
}

export async function insertCustomer(t: TestApp, operatorId: string, overrides: Partial<Customer> = {}) {
  return t.app.get(DataSource).getRepository(Customer).save(customerRow(operatorId, overrides));
}

export async function insertRecords<T extends Purchase | Concession | Usage>(t: TestApp, rows: T[]): Promise<T[]> {
  if (rows.length === 0) return [];
  const target = rows[0].constructor as new () => T;
  return t.app.get(DataSource).getRepository<T>(target).save(rows);
}

/** An API key for a new client with these scopes, bound to `operatorId`. */
export async function customerApiKey(
  t: TestApp,
  admin: SignedIn,
  scopes: string[],
  operatorId: string | null,
): Promise<Record<string, string>> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/v1/api-clients',
    headers: admin.headers,
    payload: { name: uniqueTag('client'), scopes, ...(operatorId && { operatorId }) },
  });
  if (res.statusCode !== 201) throw new Error(`create client failed: ${res.statusCode} ${res.body}`);
  return { 'x-api-key': res.json<{ key: string }>().key };
}

export interface CustomerWorld {
  /** Hosted test operators. */
  a: string;
  b: string;
  /** A test operator whose accounts are not hosted here (it still has a customer row). */
  notHosted: string;
  admin: SignedIn;
  viewer: SignedIn;
  userA: SignedIn;
  userB: SignedIn;
  /** API clients: read for A; read + pii for A; read for B; operator-info only. */
  clientA: Record<string, string>;
  clientAPii: Record<string, string>;
  clientB: Record<string, string>;
  clientInfo: Record<string, string>;
  /** One customer each at A, B and the non-hosted operator. */
  customerA: Customer;
  customerB: Customer;
  customerNotHosted: Customer;
  cleanup(): Promise<void>;
}

export async function createCustomerWorld(t: TestApp): Promise<CustomerWorld> {
  const admin = await signIn(t, { role: 'admin' });
  const a = (await createOperator(t, admin.headers, { accountsHosted: true, modeIds: ['007'] })).id;
  const b = (await createOperator(t, admin.headers, { accountsHosted: true, modeIds: ['007'] })).id;
  const notHosted = (await createOperator(t, admin.headers, { modeIds: ['007'] })).id;
  const customers: Customer[] = [];
  const customer = async (operatorId: string) => {
    const row = await insertCustomer(t, operatorId);
    customers.push(row);
    return row;
  };
  return {
    a,
    b,
    notHosted,
    admin,
    viewer: await signIn(t, { role: 'viewer' }),
    userA: await signIn(t, { role: 'operator', operatorId: a }),
    userB: await signIn(t, { role: 'operator', operatorId: b }),
    clientA: await customerApiKey(t, admin, ['customer-account:read'], a),
    clientAPii: await customerApiKey(t, admin, ['customer-account:read', 'customer-account:pii'], a),
    clientB: await customerApiKey(t, admin, ['customer-account:read'], b),
    clientInfo: await customerApiKey(t, admin, ['operator-info:read'], null),
    customerA: await customer(a),
    customerB: await customer(b),
    customerNotHosted: await customer(notHosted),
    async cleanup() {
      const repo = t.app.get(DataSource).getRepository(Customer);
      await repo.delete({ operatorId: In([a, b, notHosted]) });
      await deleteOperators(t, admin.headers, [a, b, notHosted]);
    },
  };
}
