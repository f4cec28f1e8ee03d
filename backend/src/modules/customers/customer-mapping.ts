import type { Concession } from './entities/concession.entity';
import type { Customer } from './entities/customer.entity';
import { formatMinorUnits } from './entities/money.embeddable';
import type { Purchase } from './entities/purchase.entity';
import type {
  LocationRef,
  TicketDetails,
  TransactionDetails,
  UsageService,
} from './entities/record-details.embeddable';
import type { Usage } from './entities/usage.entity';
import type { CustomerDto, CustomerSummaryDto } from './dto/customer.dto';
import type {
  ConcessionDto,
  LocationRefDto,
  MoneyDto,
  PurchaseDto,
  RefDto,
  TicketDto,
  TransactionDto,
  UsageDto,
} from './dto/customer-records.dto';

/**
 * Entities → the staff API shapes (docs/customers-api.md). Pure: names of modes and operators come from the caller
 * (the directory snapshot). Only listed fields are copied, so internal columns (`customerPk`) never leave, and JSON
 * columns are reduced to their documented keys.
 */

/** Display names of modes (short description) and operators (name), '' when unknown. */
export interface RefNames {
  mode(id: string): string;
  operator(id: string): string;
}

export const money = (amount: number, currency: string): MoneyDto => ({
  amount: formatMinorUnits(amount, currency),
  currency,
});

const iso = (date: Date): string => date.toISOString();

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A stored location reduced to its documented keys (absent or ill-typed keys are left out). */
export function toLocationRef(location: LocationRef | null | undefined): LocationRefDto | null {
  if (!location || typeof location !== 'object') return null;
  const result: LocationRefDto = {};
  const latLong = location.latLong;
  if (latLong && isFiniteNumber(latLong.latitude) && isFiniteNumber(latLong.longitude)) {
    result.latLong = { latitude: latLong.latitude, longitude: latLong.longitude };
  }
  if (typeof location.naptan === 'string') result.naptan = location.naptan;
  if (typeof location.other === 'string') result.other = location.other;
  if (isFiniteNumber(location.accuracy)) result.accuracy = location.accuracy;
  return result;
}

const toLocationList = (list: LocationRef[] | null): LocationRefDto[] | null =>
  Array.isArray(list) ? list.map(toLocationRef).filter((l): l is LocationRefDto => l !== null) : null;

function toTransaction(t: TransactionDetails): TransactionDto {
  return {
    time: iso(t.time),
    reference: t.reference,
    paymentType: t.paymentType,
    paymentMethod: t.paymentMethod,
    price: money(t.price.amount, t.price.currency),
  };
}

function toTicket(t: TicketDetails): TicketDto {
  return {
    numberOfUsages: t.numberOfUsages,
    reference: t.reference,
    referenceType: t.referenceType,
    medium: t.medium,
  };
}

function refs(record: { modeId: string; operatorId: string }, names: RefNames): { mode: RefDto; operator: RefDto } {
  return {
    mode: { id: record.modeId, name: names.mode(record.modeId) },
    operator: { id: record.operatorId, name: names.operator(record.operatorId) },
  };
}

export function toPurchaseDto(p: Purchase, names: RefNames): PurchaseDto {
  const balance = p.accountBalance;
  return {
    id: p.id,
    ...refs(p, names),
    travelClass: p.travelClass,
    bookingTime: iso(p.bookingTime),
    transaction: toTransaction(p.transaction),
    accountBalance:
      balance.amount === null || balance.currency === null ? null : money(balance.amount, balance.currency),
    agent: p.agent,
    passengerNumber: p.passengerNumber,
    passengerType: p.passengerType,
    vehicle: p.vehicle,
    route: p.route,
    travelValidFrom: iso(p.travelValidFrom),
    travelValidTo: iso(p.travelValidTo),
    conditions: p.conditions,
    concession: p.concession,
    restrictions: p.restrictions,
    ticket: toTicket(p.ticket),
    locationFrom: toLocationRef(p.locationFrom),
    locationTo: toLocationRef(p.locationTo),
    reservedPosition: p.reservedPosition,
    serviceRequest: p.serviceRequest,
  };
}

export function toConcessionDto(c: Concession, names: RefNames): ConcessionDto {
  const { type, value, description } = c.discount;
  return {
    id: c.id,
    ...refs(c, names),
    name: c.name,
    price: money(c.price.amount, c.price.currency),
    discount: {
      type,
      // Percent as a whole number; an amount off in the price's currency, like every other amount.
      value: type === 'amount' ? formatMinorUnits(value, c.price.currency) : String(value),
      description,
    },
    transaction: toTransaction(c.transaction),
    validFrom: iso(c.validFrom),
    validTo: iso(c.validTo),
    conditions: c.conditions,
  };
}

function toService(s: UsageService): UsageDto['services'][number] {
  return { type: s.type, unit: s.unit, amount: s.amount, price: money(s.price.amount, s.price.currency) };
}

export function toUsageDto(u: Usage, names: RefNames): UsageDto {
  return {
    id: u.id,
    ...refs(u, names),
    reference: u.reference,
    travelClass: u.travelClass,
    travelFrom: {
      location: toLocationRef(u.travelFrom.location),
      time: iso(u.travelFrom.time),
      reference: u.travelFrom.reference,
    },
    travelTo: {
      location: toLocationRef(u.travelTo.location),
      time: iso(u.travelTo.time),
      reference: u.travelTo.reference,
    },
    purchaseId: u.purchaseId,
    routeVia: toLocationList(u.routeVia),
    routeAvoid: toLocationList(u.routeAvoid),
    ticket: toTicket(u.ticket),
    prePaid: u.prePaid,
    price: money(u.price.amount, u.price.currency),
    services: Array.isArray(u.services) ? u.services.map(toService) : [],
  };
}

export function toCustomerSummaryDto(
  row: Pick<Customer, 'operatorId' | 'customerId' | 'name' | 'email'>,
  names: RefNames,
): CustomerSummaryDto {
  return {
    operatorId: row.operatorId,
    operatorName: names.operator(row.operatorId),
    customerId: row.customerId,
    name: row.name,
    email: row.email,
  };
}

/** The full profile, unmasked (`piiMasked: false`); see pii-masking.ts for callers without PII access. */
export function toCustomerDto(c: Customer, names: RefNames): CustomerDto {
  const a = c.address;
  const hasAddress = [a.line1, a.line2, a.city, a.postcode, a.country].some((part) => part !== null);
  return {
    ...toCustomerSummaryDto(c, names),
    phone: c.phone,
    dateOfBirth: c.dateOfBirth,
    address: hasAddress
      ? { line1: a.line1, line2: a.line2, city: a.city, postcode: a.postcode, country: a.country }
      : null,
    createdAt: iso(c.createdAt),
    piiMasked: false,
  };
}

/** Top-level fields of each answer, as a compile-time complete list (access events name what was returned). */
const PURCHASE_KEYS = {
  id: 1,
  mode: 1,
  operator: 1,
  travelClass: 1,
  bookingTime: 1,
  transaction: 1,
  accountBalance: 1,
  agent: 1,
  passengerNumber: 1,
  passengerType: 1,
  vehicle: 1,
  route: 1,
  travelValidFrom: 1,
  travelValidTo: 1,
  conditions: 1,
  concession: 1,
  restrictions: 1,
  ticket: 1,
  locationFrom: 1,
  locationTo: 1,
  reservedPosition: 1,
  serviceRequest: 1,
} satisfies Record<keyof PurchaseDto, 1>;
const CONCESSION_KEYS = {
  id: 1,
  mode: 1,
  operator: 1,
  name: 1,
  price: 1,
  discount: 1,
  transaction: 1,
  validFrom: 1,
  validTo: 1,
  conditions: 1,
} satisfies Record<keyof ConcessionDto, 1>;
const USAGE_KEYS = {
  id: 1,
  mode: 1,
  operator: 1,
  reference: 1,
  travelClass: 1,
  travelFrom: 1,
  travelTo: 1,
  purchaseId: 1,
  routeVia: 1,
  routeAvoid: 1,
  ticket: 1,
  prePaid: 1,
  price: 1,
  services: 1,
} satisfies Record<keyof UsageDto, 1>;
const SUMMARY_KEYS = {
  operatorId: 1,
  operatorName: 1,
  customerId: 1,
  name: 1,
  email: 1,
} satisfies Record<keyof CustomerSummaryDto, 1>;
const PROFILE_KEYS = {
  ...SUMMARY_KEYS,
  phone: 1,
  dateOfBirth: 1,
  address: 1,
  createdAt: 1,
  piiMasked: 1,
} satisfies Record<keyof CustomerDto, 1>;

export const RECORD_FIELDS = {
  purchases: Object.keys(PURCHASE_KEYS),
  concessions: Object.keys(CONCESSION_KEYS),
  usages: Object.keys(USAGE_KEYS),
} as const;
export const SUMMARY_FIELDS: readonly string[] = Object.keys(SUMMARY_KEYS);
/** Profile fields with personal data in them; `piiMasked` is a flag, not data. */
export const PROFILE_FIELDS: readonly string[] = Object.keys(PROFILE_KEYS).filter((k) => k !== 'piiMasked');
/** What a masked profile still shows (email and phone only partly). */
export const MASKED_PROFILE_FIELDS: readonly string[] = PROFILE_FIELDS.filter(
  (k) => k !== 'dateOfBirth' && k !== 'address',
);
