import type { Concession } from '../../../modules/customers/entities/concession.entity';
import type { Customer } from '../../../modules/customers/entities/customer.entity';
import type { Purchase } from '../../../modules/customers/entities/purchase.entity';
import type { LocationRef, UsageService } from '../../../modules/customers/entities/record-details.embeddable';
import type { Usage } from '../../../modules/customers/entities/usage.entity';
import {
  BUS_STOPS,
  CONCESSIONS,
  EMAIL_DOMAINS,
  namePools,
  PHONE_RANGES,
  PIERS,
  Place,
  POSTCODE_LETTERS,
  STATIONS,
  TICKET_TYPES,
  TOWNS,
  TRAM_STOPS,
  VESSELS,
} from './demo-pools';
import { hashSeed, Random } from './prng';

/**
 * Deterministic demo customer accounts. `demoAccount(ctx, operatorId, n)` is a pure function of its inputs: the
 * customer `C<n>` of an operator always gets the same person and records for the same seed and reference day.
 *
 * People: PSD Ferries (030) customer n is the same person as PSD Buses (029) customer n whenever n is a multiple of
 * SHARED_PERSON_EVERY (same name, email, phone, birth date and address), so account linking has real pairs to work on.
 */
export const DEMO_SEED = 20_260_101;
export const SHARED_PERSON_EVERY = 3;
const SHARED_FROM = '030';
const SHARED_WITH = '029';

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WINDOW_DAYS = 730;

export type DemoCustomerRow = Omit<Customer, 'id' | 'operator'>;
type RecordRow<T> = Omit<T, 'id' | 'customerPk' | 'customer' | 'mode' | 'operator'>;
export type DemoPurchaseRow = RecordRow<Purchase>;
export type DemoConcessionRow = RecordRow<Concession>;
/** A usage; `purchaseIndex` points into the same account's purchases (the seeder turns it into `purchaseId`). */
export type DemoUsageRow = Omit<RecordRow<Usage>, 'purchase' | 'purchaseId'> & { purchaseIndex: number | null };

export interface DemoAccount {
  customer: DemoCustomerRow;
  purchases: DemoPurchaseRow[];
  concessions: DemoConcessionRow[];
  usages: DemoUsageRow[];
}

export interface DemoContext {
  seed: number;
  /** Reference "now": all times fall in the two years before it. */
  now: Date;
  /** Mode ids each demo operator runs, in catalogue order. */
  operatorModes: ReadonlyMap<string, readonly string[]>;
  /** Records of each kind per customer, inclusive range. */
  recordsPerKind: { min: number; max: number };
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  address: Customer['address'];
}

/** 'C000123'; six digits at least, more once an operator passes 999999. */
export function customerIdFor(n: number): string {
  return `C${String(n).padStart(6, '0')}`;
}

/** The number of a customer id made by `customerIdFor`, or undefined. */
export function customerNumberOf(customerId: string): number | undefined {
  const m = /^C(\d{6,})$/.exec(customerId);
  return m ? Number(m[1]) : undefined;
}

/** Whose person a customer account belongs to: itself, or for some 030 accounts the 029 account with its number. */
export function personKeyFor(operatorId: string, n: number): { operatorId: string; n: number } {
  return operatorId === SHARED_FROM && n % SHARED_PERSON_EVERY === 0
    ? { operatorId: SHARED_WITH, n }
    : { operatorId, n };
}

const asciiLocal = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();

export function demoPerson(seed: number, key: { operatorId: string; n: number }): DemoPerson {
  const r = new Random(hashSeed(seed, 'person', key.operatorId, key.n));
  const { firstNames, lastNames, streets } = namePools();
  const firstName = r.pick(firstNames);
  const lastName = r.pick(lastNames);
  const phoneRange = r.weighted(PHONE_RANGES);
  const town = r.weighted(TOWNS);
  const birthYear = r.int(1940, 2007);
  const birthMonth = r.int(1, 12);
  const birthDay = r.int(1, 28);
  const flat = r.chance(0.15);
  return {
    firstName,
    lastName,
    email: `${asciiLocal(firstName)}.${asciiLocal(lastName)}${key.n}@${r.pick(EMAIL_DOMAINS)}`,
    phone: phoneRange.prefix + r.digits(phoneRange.digits),
    dateOfBirth: `${birthYear}-${String(birthMonth).padStart(2, '0')}-${String(birthDay).padStart(2, '0')}`,
    address: {
      line1: flat ? `Flat ${r.int(1, 24)}` : `${r.int(1, 240)} ${r.pick(streets)}`,
      line2: flat ? `${r.int(1, 120)} ${r.pick(streets)}` : null,
      city: town.city,
      postcode:
        `${town.area}${r.int(1, town.area.length === 1 ? 40 : 28)} ${r.int(1, 9)}` +
        POSTCODE_LETTERS[r.int(0, POSTCODE_LETTERS.length - 1)] +
        POSTCODE_LETTERS[r.int(0, POSTCODE_LETTERS.length - 1)],
      country: 'GB',
    },
  };
}

type Family = 'train' | 'bus' | 'water';
const familyOf = (modeId: string): Family =>
  ['008', '009', '010'].includes(modeId) ? 'train' : ['011', '012'].includes(modeId) ? 'water' : 'bus';

const placesFor = (modeId: string): readonly Place[] =>
  modeId === '008'
    ? TRAM_STOPS
    : familyOf(modeId) === 'train'
      ? STATIONS
      : familyOf(modeId) === 'water'
        ? PIERS
        : BUS_STOPS;

const location = (r: Random, p: Place): LocationRef => ({
  latLong: { latitude: p.latitude, longitude: p.longitude },
  naptan: p.naptan,
  other: p.name,
  accuracy: r.pick([5, 10, 25, 50]),
});

/** Two different places of a mode. */
function journey(r: Random, modeId: string): [Place, Place] {
  const places = placesFor(modeId);
  const from = r.pick(places);
  let to = r.pick(places);
  while (to === from) to = r.pick(places);
  return [from, to];
}

/** Fare in pence for a mode and ticket type. */
function fare(r: Random, family: Family, ticketType: string): number {
  const base = family === 'train' ? r.int(350, 9000) : family === 'water' ? r.int(450, 2800) : r.int(150, 450);
  const factor = /Season|Weekly/.test(ticketType) ? 5 : /Return|Day|Carnet/.test(ticketType) ? 1.8 : 1;
  return Math.round((base * factor) / 10) * 10;
}

function validityMs(ticketType: string): number {
  if (/Weekly/.test(ticketType)) return 7 * DAY;
  if (/Carnet/.test(ticketType)) return 90 * DAY;
  if (/Return/.test(ticketType) && !/Day/.test(ticketType)) return 30 * DAY;
  return DAY - MINUTE;
}

const usagesOf = (ticketType: string): number | null =>
  /Weekly|Season/.test(ticketType) ? null : /Carnet/.test(ticketType) ? 10 : /Return/.test(ticketType) ? 2 : 1;

const minuteOf = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE);

/** The same day, squeezed into 06:00–23:00 UTC (travel happens in the daytime), keeping the order within the day. */
const daytime = (ms: number) => {
  const day = Math.floor(ms / DAY) * DAY;
  return day + 6 * HOUR + Math.floor(((ms - day) * 17) / 24);
};

const PAYMENT_METHODS = [
  ['contactless', 5],
  ['card', 4],
  ['mobile wallet', 3],
  ['cash', 1],
  ['account', 1],
] as const;
const AGENTS = {
  train: ['website', 'mobile app', 'ticket office', 'ticket machine'],
  bus: ['mobile app', 'on board', 'website'],
  water: ['website', 'mobile app', 'terminal desk'],
} as const;
const PASSENGER_TYPES = [
  ['adult', 14],
  ['child', 2],
  ['senior', 2],
  ['student', 2],
] as const;

export function demoAccount(ctx: DemoContext, operatorId: string, n: number): DemoAccount {
  const modes = ctx.operatorModes.get(operatorId);
  if (!modes?.length) throw new Error(`demo operator ${operatorId} has no modes`);
  const person = demoPerson(ctx.seed, personKeyFor(operatorId, n));
  const r = new Random(hashSeed(ctx.seed, 'account', operatorId, n));
  const now = Math.floor(ctx.now.getTime() / MINUTE) * MINUTE;
  const windowStart = now - WINDOW_DAYS * DAY;
  const createdAt = windowStart + r.int(0, WINDOW_DAYS - 30) * DAY + r.int(0, DAY / MINUTE - 1) * MINUTE;
  const between = (from: number, to: number) => from + Math.floor(r.next() * Math.max(0, to - from));
  const count = () => r.int(ctx.recordsPerKind.min, ctx.recordsPerKind.max);
  const ref = (prefix: string) => `${prefix}${operatorId}${r.code(10)}`;

  const customer: DemoCustomerRow = {
    operatorId,
    customerId: customerIdFor(n),
    name: `${person.firstName} ${person.lastName}`,
    email: person.email,
    phone: person.phone,
    dateOfBirth: person.dateOfBirth,
    address: person.address,
    createdAt: new Date(createdAt),
  };

  const concessions: DemoConcessionRow[] = [];
  for (let i = 0, k = count(); i < k; i++) {
    const modeId = r.pick(modes);
    const product = r.pick(CONCESSIONS[familyOf(modeId)]);
    const validFrom = between(createdAt, now - DAY);
    concessions.push({
      modeId,
      operatorId,
      name: product.name,
      price: { amount: product.price, currency: 'GBP' },
      discount: { ...product.discount },
      transaction: {
        time: new Date(validFrom - r.int(0, 3600) * 1000),
        reference: ref('TX'),
        paymentType: 'purchase',
        paymentMethod: r.weighted(PAYMENT_METHODS.filter(([m]) => m !== 'cash')),
        price: { amount: product.price, currency: 'GBP' },
      },
      validFrom: minuteOf(validFrom),
      validTo: minuteOf(validFrom + 365 * DAY),
      conditions: product.conditions,
    });
  }

  const purchases: DemoPurchaseRow[] = [];
  for (let i = 0, k = count(); i < k; i++) {
    const modeId = r.pick(modes);
    const family = familyOf(modeId);
    const ticketType = r.pick(TICKET_TYPES[family]);
    const [from, to] = journey(r, modeId);
    const validFrom = minuteOf(daytime(between(createdAt + DAY, now - DAY))).getTime();
    const booking = Math.max(createdAt, validFrom - r.int(0, 7 * 24 * 60) * MINUTE - r.int(0, 59) * 1000);
    const passengerNumber = r.chance(0.85) ? 1 : r.int(2, 4);
    const concession = concessions.find((c) => c.modeId === modeId && c.validFrom.getTime() <= booking);
    let price = fare(r, family, ticketType) * passengerNumber;
    if (concession?.discount.type === 'percentage')
      price = Math.round((price * (100 - concession.discount.value)) / 100);
    if (concession?.discount.type === 'amount') price = Math.max(0, price - concession.discount.value);
    const hasBalance = r.chance(0.2);
    const firstClass = family === 'train' && r.chance(0.1);
    purchases.push({
      modeId,
      operatorId,
      travelClass: firstClass ? 'first' : 'standard',
      bookingTime: new Date(booking),
      transaction: {
        time: new Date(booking + r.int(5, 90) * 1000),
        reference: ref('TX'),
        paymentType: 'purchase',
        paymentMethod: r.weighted(PAYMENT_METHODS),
        price: { amount: price, currency: 'GBP' },
      },
      accountBalance: hasBalance ? { amount: r.int(0, 5000), currency: 'GBP' } : { amount: null, currency: null },
      agent: r.pick(AGENTS[family]),
      passengerNumber,
      passengerType: r.weighted(PASSENGER_TYPES),
      vehicle:
        family === 'water'
          ? r.pick(VESSELS)
          : family === 'bus'
            ? `Fleet ${r.int(100, 999)}`
            : r.chance(0.5)
              ? `${r.int(1, 9)}${r.pick(['A', 'C', 'E', 'M', 'S'])}${r.digits(2)}`
              : null,
      route: family === 'bus' ? `Route ${r.int(1, 45)}: ${from.name} – ${to.name}` : `${from.name} – ${to.name}`,
      travelValidFrom: new Date(validFrom),
      travelValidTo: new Date(validFrom + validityMs(ticketType)),
      conditions: `${ticketType}. ${/Off-Peak/.test(ticketType) ? 'Not valid on peak services.' : 'Valid on any service on the dates shown.'}`,
      concession: concession?.name ?? null,
      restrictions: /Advance/.test(ticketType) ? 'Valid only on the booked service.' : null,
      ticket: {
        numberOfUsages: usagesOf(ticketType),
        reference: r.code(12),
        referenceType: r.pick(['barcode', 'smartcard', 'eticket']),
        medium: r.pick(['mobile', 'paper', 'smartcard']),
      },
      locationFrom: location(r, from),
      locationTo: location(r, to),
      reservedPosition:
        family === 'train' && r.chance(0.3)
          ? `Coach ${r.pick(['A', 'B', 'C', 'D', 'E', 'F'])}, seat ${r.int(1, 72)}`
          : family === 'water' && /Car/.test(ticketType)
            ? `Car deck, lane ${r.int(1, 8)}`
            : null,
      serviceRequest: r.chance(0.05)
        ? r.pick(['Wheelchair assistance at boarding', 'Assistance dog', 'Step-free access'])
        : null,
    });
  }

  const usages: DemoUsageRow[] = [];
  for (let i = 0, k = count(); i < k; i++) {
    const purchaseIndex = purchases.length > 0 && r.chance(0.7) ? r.int(0, purchases.length - 1) : null;
    const purchase = purchaseIndex === null ? undefined : purchases[purchaseIndex];
    const modeId = purchase?.modeId ?? r.pick(modes);
    const family = familyOf(modeId);
    const [from, to] = journey(r, modeId);
    const start = purchase
      ? between(purchase.travelValidFrom.getTime(), Math.min(purchase.travelValidTo.getTime(), now))
      : daytime(between(createdAt, now - DAY));
    const minutes = family === 'train' ? r.int(15, 240) : family === 'water' ? r.int(10, 60) : r.int(5, 45);
    const services: UsageService[] = [];
    if (r.chance(0.15))
      services.push({
        type: 'bicycle',
        unit: 'space',
        amount: 1,
        price: { amount: r.pick([0, 200]), currency: 'GBP' },
      });
    if (family === 'water' && r.chance(0.2)) {
      services.push({ type: 'vehicle', unit: 'car', amount: 1, price: { amount: r.int(1500, 4500), currency: 'GBP' } });
    }
    usages.push({
      modeId,
      operatorId,
      reference: ref('U'),
      travelClass: purchase?.travelClass ?? 'standard',
      travelFrom: { location: location(r, from), time: minuteOf(start), reference: from.naptan },
      travelTo: { location: location(r, to), time: minuteOf(start + minutes * MINUTE), reference: to.naptan },
      purchaseIndex,
      routeVia: family === 'train' && r.chance(0.2) ? [location(r, r.pick(STATIONS))] : null,
      routeAvoid: family === 'train' && r.chance(0.05) ? [location(r, r.pick(STATIONS))] : null,
      ticket: purchase
        ? { ...purchase.ticket }
        : { numberOfUsages: 1, reference: r.code(12), referenceType: 'contactless', medium: 'bank card' },
      prePaid: purchase !== undefined,
      price: { amount: purchase ? 0 : fare(r, family, 'Single'), currency: 'GBP' },
      services,
    });
  }

  return { customer, purchases, concessions, usages };
}
