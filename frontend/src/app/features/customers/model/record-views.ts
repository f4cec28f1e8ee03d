import {
  type ConcessionDto,
  type CustomerRecords,
  type LocationRefDto,
  type PurchaseDto,
  type RecordKind,
  type RefDto,
  type TicketDto,
  type TransactionDto,
  type UsageDto,
} from './customers.model';
import { type Cell, type Formatter, NONE, capitalise, orNone } from './display-format';

/**
 * What the records tables show: for each kind a few key columns, and for each record every field, grouped into
 * sections for the details panel. Pure functions of the records and a {@link Formatter}.
 */

export interface ColumnHead {
  readonly id: string;
  readonly header: string;
  /** Amounts line up at the end. */
  readonly numeric?: boolean;
}

export interface DetailField {
  readonly label: string;
  readonly value: Cell;
}

export interface DetailSection {
  readonly title: string;
  readonly fields: readonly DetailField[];
}

export interface RecordRow {
  readonly id: number;
  /** "Purchase 12", for the row's accessible names. */
  readonly label: string;
  /** One per column. */
  readonly cells: readonly Cell[];
  readonly sections: readonly DetailSection[];
}

export interface RecordTable {
  readonly kind: RecordKind;
  readonly columns: readonly ColumnHead[];
  readonly rows: readonly RecordRow[];
}

/** "purchase", "purchases" and so on, for counts and messages. */
export const RECORD_NOUNS: Readonly<Record<RecordKind, { readonly one: string; readonly many: string }>> = {
  purchases: { one: 'purchase', many: 'purchases' },
  concessions: { one: 'concession', many: 'concessions' },
  usages: { one: 'usage', many: 'usages' },
};

function text(value: string | number | null | undefined, secondary?: string): Cell {
  return secondary ? { text: orNone(value), secondary } : { text: orNone(value) };
}

function field(label: string, value: Cell | string | number | null | undefined): DetailField {
  return { label, value: typeof value === 'object' && value !== null ? value : text(value) };
}

function ref(value: RefDto): string {
  return `${capitalise(value.name)} (${value.id})`;
}

function paymentSection(transaction: TransactionDto, f: Formatter): DetailSection {
  return {
    title: 'Payment',
    fields: [
      field('Time', f.dateTime(transaction.time)),
      field('Reference', transaction.reference),
      field('Payment type', capitalise(transaction.paymentType)),
      field('Payment method', capitalise(transaction.paymentMethod)),
      field('Amount', f.money(transaction.price)),
    ],
  };
}

function ticketSection(ticket: TicketDto): DetailSection {
  return {
    title: 'Ticket',
    fields: [
      field('Number of usages', ticket.numberOfUsages),
      field('Reference', ticket.reference),
      field('Reference type', ticket.referenceType === null ? null : capitalise(ticket.referenceType)),
      field('Medium', ticket.medium === null ? null : capitalise(ticket.medium)),
    ],
  };
}

const PURCHASE_COLUMNS: readonly ColumnHead[] = [
  { id: 'booked', header: 'Booked' },
  { id: 'mode', header: 'Mode' },
  { id: 'route', header: 'Route' },
  { id: 'validFrom', header: 'Valid from' },
  { id: 'validTo', header: 'Valid to' },
  { id: 'price', header: 'Price', numeric: true },
  { id: 'ticket', header: 'Ticket' },
];

function purchaseRow(purchase: PurchaseDto, f: Formatter): RecordRow {
  const route = purchase.route ?? `${f.place(purchase.locationFrom)} – ${f.place(purchase.locationTo)}`;
  return {
    id: purchase.id,
    label: `Purchase ${purchase.id}`,
    cells: [
      f.dateTime(purchase.bookingTime),
      text(capitalise(purchase.mode.name)),
      text(route),
      f.dateTime(purchase.travelValidFrom),
      f.dateTime(purchase.travelValidTo),
      text(f.money(purchase.transaction.price)),
      text(
        purchase.ticket.medium === null ? null : capitalise(purchase.ticket.medium),
        purchase.ticket.referenceType ?? undefined,
      ),
    ],
    sections: [
      {
        title: 'Purchase',
        fields: [
          field('ID', purchase.id),
          field('Mode', ref(purchase.mode)),
          field('Operator', ref(purchase.operator)),
          field('Booking time', f.dateTime(purchase.bookingTime)),
          field('Travel class', purchase.travelClass === null ? null : capitalise(purchase.travelClass)),
          field('Passengers', purchase.passengerNumber),
          field('Passenger type', capitalise(purchase.passengerType)),
          field('Agent', purchase.agent === null ? null : capitalise(purchase.agent)),
          field('Account balance', f.money(purchase.accountBalance)),
          field('Concession', purchase.concession),
          field('Conditions', purchase.conditions),
          field('Restrictions', purchase.restrictions),
        ],
      },
      {
        title: 'Journey',
        fields: [
          field('Route', purchase.route),
          field('Travel valid from', f.dateTime(purchase.travelValidFrom)),
          field('Travel valid to', f.dateTime(purchase.travelValidTo)),
          field('From', f.placeDetail(purchase.locationFrom)),
          field('To', f.placeDetail(purchase.locationTo)),
          field('Vehicle', purchase.vehicle),
          field('Reserved position', purchase.reservedPosition),
          field('Service request', purchase.serviceRequest),
        ],
      },
      paymentSection(purchase.transaction, f),
      ticketSection(purchase.ticket),
    ],
  };
}

const CONCESSION_COLUMNS: readonly ColumnHead[] = [
  { id: 'name', header: 'Name' },
  { id: 'mode', header: 'Mode' },
  { id: 'discount', header: 'Discount' },
  { id: 'validFrom', header: 'Valid from' },
  { id: 'validTo', header: 'Valid to' },
  { id: 'price', header: 'Price', numeric: true },
];

function concessionRow(concession: ConcessionDto, f: Formatter): RecordRow {
  const discount = f.discount(concession.discount, concession.price.currency);
  return {
    id: concession.id,
    label: `Concession ${concession.id}`,
    cells: [
      text(concession.name),
      text(capitalise(concession.mode.name)),
      text(discount, concession.discount.description ?? undefined),
      f.dateTime(concession.validFrom),
      f.dateTime(concession.validTo),
      text(f.money(concession.price)),
    ],
    sections: [
      {
        title: 'Concession',
        fields: [
          field('ID', concession.id),
          field('Name', concession.name),
          field('Mode', ref(concession.mode)),
          field('Operator', ref(concession.operator)),
          field('Price', f.money(concession.price)),
          field('Discount', discount),
          field('Discount description', concession.discount.description),
          field('Valid from', f.dateTime(concession.validFrom)),
          field('Valid to', f.dateTime(concession.validTo)),
          field('Conditions', concession.conditions),
        ],
      },
      paymentSection(concession.transaction, f),
    ],
  };
}

const USAGE_COLUMNS: readonly ColumnHead[] = [
  { id: 'from', header: 'From' },
  { id: 'to', header: 'To' },
  { id: 'mode', header: 'Mode' },
  { id: 'price', header: 'Price', numeric: true },
  { id: 'prePaid', header: 'Pre-paid' },
];

function places(list: readonly LocationRefDto[] | null, f: Formatter): string {
  return list && list.length > 0 ? list.map((location) => f.placeDetail(location)).join('; ') : NONE;
}

function usageRow(usage: UsageDto, f: Formatter): RecordRow {
  return {
    id: usage.id,
    label: `Usage ${usage.id}`,
    cells: [
      { ...f.dateTime(usage.travelFrom.time), secondary: f.place(usage.travelFrom.location) },
      { ...f.dateTime(usage.travelTo.time), secondary: f.place(usage.travelTo.location) },
      text(capitalise(usage.mode.name)),
      text(f.money(usage.price)),
      text(usage.prePaid ? 'Yes' : 'No'),
    ],
    sections: [
      {
        title: 'Usage',
        fields: [
          field('ID', usage.id),
          field('Reference', usage.reference),
          field('Mode', ref(usage.mode)),
          field('Operator', ref(usage.operator)),
          field('Travel class', usage.travelClass === null ? null : capitalise(usage.travelClass)),
          field('Pre-paid', usage.prePaid ? 'Yes' : 'No'),
          field('Price', f.money(usage.price)),
          field('Purchase', usage.purchaseId),
        ],
      },
      {
        title: 'Journey',
        fields: [
          field('Departed', f.dateTime(usage.travelFrom.time)),
          field('From', f.placeDetail(usage.travelFrom.location)),
          field('From reference', usage.travelFrom.reference),
          field('Arrived', f.dateTime(usage.travelTo.time)),
          field('To', f.placeDetail(usage.travelTo.location)),
          field('To reference', usage.travelTo.reference),
          field('Via', places(usage.routeVia, f)),
          field('Avoiding', places(usage.routeAvoid, f)),
        ],
      },
      ticketSection(usage.ticket),
      {
        title: 'Services',
        fields:
          usage.services.length > 0
            ? usage.services.map((service) =>
                field(capitalise(service.type), `${service.amount} × ${service.unit}, ${f.money(service.price)}`),
              )
            : [field('Services', 'None')],
      },
    ],
  };
}

/** The table of one page of records. */
export function recordTable(records: CustomerRecords, f: Formatter): RecordTable {
  switch (records.kind) {
    case 'purchases':
      return {
        kind: records.kind,
        columns: PURCHASE_COLUMNS,
        rows: records.page.items.map((item) => purchaseRow(item, f)),
      };
    case 'concessions':
      return {
        kind: records.kind,
        columns: CONCESSION_COLUMNS,
        rows: records.page.items.map((item) => concessionRow(item, f)),
      };
    case 'usages':
      return { kind: records.kind, columns: USAGE_COLUMNS, rows: records.page.items.map((item) => usageRow(item, f)) };
  }
}
