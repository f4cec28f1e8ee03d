/** Types of the customers API contract (docs/customers-api.md, "Staff API"). */

/** An amount as a decimal string with its ISO 4217 currency: `{ amount: '8.70', currency: 'GBP' }`. */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

export interface CustomerSummaryDto {
  readonly operatorId: string;
  readonly operatorName: string;
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
}

export interface AddressDto {
  readonly line1: string | null;
  readonly line2: string | null;
  readonly city: string | null;
  readonly postcode: string | null;
  readonly country: string | null;
}

export interface CustomerDto extends CustomerSummaryDto {
  readonly phone: string | null;
  /** 'YYYY-MM-DD'. */
  readonly dateOfBirth: string | null;
  readonly address: AddressDto | null;
  readonly createdAt: string;
  /** True when the caller may not see personal data: email and phone are masked, birth date and address null. */
  readonly piiMasked: boolean;
}

export interface CustomerSearchPage {
  readonly items: readonly CustomerSummaryDto[];
  readonly pageSize: number;
  /** The cursor of the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface RecordPage<T> {
  readonly items: readonly T[];
  readonly total: number;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface LocationRefDto {
  readonly latLong?: { readonly latitude: number; readonly longitude: number };
  /** NaPTAN ATCO code of a stop or station. */
  readonly naptan?: string;
  /** Free text, usually the place name. */
  readonly other?: string;
  /** Accuracy of `latLong` in metres. */
  readonly accuracy?: number;
}

/** A mode (name: its short description) or an operator (name: its name). */
export interface RefDto {
  readonly id: string;
  readonly name: string;
}

export interface TransactionDto {
  readonly time: string;
  readonly reference: string;
  readonly paymentType: string;
  readonly paymentMethod: string;
  readonly price: Money;
}

export interface TicketDto {
  readonly numberOfUsages: number | null;
  readonly reference: string | null;
  readonly referenceType: string | null;
  readonly medium: string | null;
}

export interface PurchaseDto {
  readonly id: number;
  readonly mode: RefDto;
  readonly operator: RefDto;
  readonly travelClass: string | null;
  readonly bookingTime: string;
  readonly transaction: TransactionDto;
  readonly accountBalance: Money | null;
  readonly agent: string | null;
  readonly passengerNumber: number;
  readonly passengerType: string;
  readonly vehicle: string | null;
  readonly route: string | null;
  readonly travelValidFrom: string;
  readonly travelValidTo: string;
  readonly conditions: string | null;
  readonly concession: string | null;
  readonly restrictions: string | null;
  readonly ticket: TicketDto;
  readonly locationFrom: LocationRefDto | null;
  readonly locationTo: LocationRefDto | null;
  readonly reservedPosition: string | null;
  readonly serviceRequest: string | null;
}

export interface DiscountDto {
  readonly type: 'percentage' | 'amount';
  /** A decimal string: whole percent for 'percentage' ('34'), the amount off in the price's currency for 'amount' ('2.50'). */
  readonly value: string;
  readonly description: string | null;
}

export interface ConcessionDto {
  readonly id: number;
  readonly mode: RefDto;
  readonly operator: RefDto;
  readonly name: string;
  readonly price: Money;
  readonly discount: DiscountDto;
  readonly transaction: TransactionDto;
  readonly validFrom: string;
  readonly validTo: string;
  readonly conditions: string | null;
}

export interface JourneyPointDto {
  readonly location: LocationRefDto | null;
  readonly time: string;
  readonly reference: string | null;
}

export interface UsageServiceDto {
  readonly type: string;
  readonly unit: string;
  readonly amount: number;
  readonly price: Money;
}

export interface UsageDto {
  readonly id: number;
  readonly mode: RefDto;
  readonly operator: RefDto;
  readonly reference: string;
  readonly travelClass: string | null;
  readonly travelFrom: JourneyPointDto;
  readonly travelTo: JourneyPointDto;
  readonly purchaseId: number | null;
  readonly routeVia: readonly LocationRefDto[] | null;
  readonly routeAvoid: readonly LocationRefDto[] | null;
  readonly ticket: TicketDto;
  readonly prePaid: boolean;
  readonly price: Money;
  readonly services: readonly UsageServiceDto[];
}

/** The record kinds of a customer, in tab order; each is a tab and an API path segment. */
export const RECORD_KINDS = ['purchases', 'concessions', 'usages'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  purchases: 'Purchases',
  concessions: 'Concessions',
  usages: 'Usages',
};

/** One page of one kind of record, tagged with its kind. */
export type CustomerRecords =
  | { readonly kind: 'purchases'; readonly page: RecordPage<PurchaseDto> }
  | { readonly kind: 'concessions'; readonly page: RecordPage<ConcessionDto> }
  | { readonly kind: 'usages'; readonly page: RecordPage<UsageDto> };

/** An operator whose customer accounts this hub serves (from `GET /operators`, `accountsHosted: true`). */
export interface HostedOperator {
  readonly id: string;
  readonly name: string;
}

export const MIN_SEARCH_LENGTH = 3;
export const MAX_SEARCH_LENGTH = 100;
export const SEARCH_PAGE_SIZE = 20;
export const RECORD_PAGE_SIZE = 20;

/** Operator ids are three digits. */
export const OPERATOR_ID_PATTERN = /^\d{3}$/;

/** Customer ids the API accepts: 1–32 characters, no control characters. */
export function isCustomerId(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length >= 1 && value.length <= 32 && !/[\u0000-\u001f\u007f]/.test(value);
}
