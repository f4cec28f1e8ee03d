import {
  type ConcessionDto,
  type CustomerDto,
  type CustomerSearchPage,
  type CustomerSummaryDto,
  type PurchaseDto,
  type RecordPage,
  type UsageDto,
} from '../app/features/customers/model/customers.model';

/** Small factories with overridable defaults for customer test data (docs/customers-api.md). */
export function aCustomerSummary(overrides: Partial<CustomerSummaryDto> = {}): CustomerSummaryDto {
  return {
    operatorId: '029',
    operatorName: 'PSD Buses',
    customerId: 'C000003',
    name: 'Ada Byron',
    email: 'ada.byron3@example.com',
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<CustomerDto> = {}): CustomerDto {
  return {
    ...aCustomerSummary(),
    phone: '07700 900123',
    dateOfBirth: '1985-12-10',
    address: { line1: '12 Harbour Road', line2: null, city: 'Oban', postcode: 'PA34 4LN', country: 'GB' },
    createdAt: '2025-03-04T09:15:00.000Z',
    piiMasked: false,
    ...overrides,
  };
}

export function aSearchPage(
  items: readonly CustomerSummaryDto[],
  overrides: Partial<CustomerSearchPage> = {},
): CustomerSearchPage {
  return { items, pageSize: 20, nextCursor: null, ...overrides };
}

export function aRecordPage<T>(items: readonly T[], overrides: Partial<RecordPage<T>> = {}): RecordPage<T> {
  return { items, total: items.length, page: 1, pageSize: 20, ...overrides };
}

const BUS = { id: '007', name: 'bus' };
const PSD_BUSES = { id: '029', name: 'PSD Buses' };

export function aPurchase(overrides: Partial<PurchaseDto> = {}): PurchaseDto {
  return {
    id: 41,
    mode: BUS,
    operator: PSD_BUSES,
    travelClass: 'standard',
    bookingTime: '2026-10-05T08:12:30.000Z',
    transaction: {
      time: '2026-10-05T08:13:00.000Z',
      reference: 'TX029ABCDEFGHIJ',
      paymentType: 'purchase',
      paymentMethod: 'contactless',
      price: { amount: '8.70', currency: 'GBP' },
    },
    accountBalance: null,
    agent: 'mobile app',
    passengerNumber: 1,
    passengerType: 'adult',
    vehicle: 'Fleet 512',
    route: 'Route 7: Oban – Ganavan',
    travelValidFrom: '2026-10-06T07:00:00.000Z',
    travelValidTo: '2026-10-07T06:59:00.000Z',
    conditions: 'Day Return. Valid on any service on the dates shown.',
    concession: null,
    restrictions: null,
    ticket: { numberOfUsages: 2, reference: 'K3J9X2M4P7Q1', referenceType: 'barcode', medium: 'mobile' },
    locationFrom: {
      latLong: { latitude: 56.41234, longitude: -5.47291 },
      naptan: '6100OBN1',
      other: 'Oban Station Road',
      accuracy: 10,
    },
    locationTo: { naptan: '6100GNV', other: 'Ganavan Sands' },
    reservedPosition: null,
    serviceRequest: 'Step-free access',
    ...overrides,
  };
}

export function aConcession(overrides: Partial<ConcessionDto> = {}): ConcessionDto {
  return {
    id: 17,
    mode: BUS,
    operator: PSD_BUSES,
    name: 'Under-19 Bus Pass',
    price: { amount: '0.00', currency: 'GBP' },
    discount: { type: 'percentage', value: '100', description: 'Free bus travel' },
    transaction: {
      time: '2026-01-10T10:00:00.000Z',
      reference: 'TX029CONCESSION',
      paymentType: 'purchase',
      paymentMethod: 'card',
      price: { amount: '0.00', currency: 'GBP' },
    },
    validFrom: '2026-01-10T10:30:00.000Z',
    validTo: '2027-01-10T10:30:00.000Z',
    conditions: 'For residents under 19.',
    ...overrides,
  };
}

export function aUsage(overrides: Partial<UsageDto> = {}): UsageDto {
  return {
    id: 93,
    mode: BUS,
    operator: PSD_BUSES,
    reference: 'U029QWERTYUIOP',
    travelClass: 'standard',
    travelFrom: {
      location: { other: 'Oban Station Road', naptan: '6100OBN1' },
      time: '2026-10-06T08:05:00.000Z',
      reference: '6100OBN1',
    },
    travelTo: { location: { other: 'Ganavan Sands' }, time: '2026-10-06T08:31:00.000Z', reference: null },
    purchaseId: 41,
    routeVia: null,
    routeAvoid: null,
    ticket: { numberOfUsages: 2, reference: 'K3J9X2M4P7Q1', referenceType: 'barcode', medium: 'mobile' },
    prePaid: true,
    price: { amount: '0.00', currency: 'GBP' },
    services: [{ type: 'bicycle', unit: 'space', amount: 1, price: { amount: '2.00', currency: 'GBP' } }],
    ...overrides,
  };
}
