import { describe, expect, it } from 'vitest';

import { aConcession, aPurchase, aRecordPage, aUsage } from '../../../../testing/customer-fixtures';
import { type Cell, Formatter } from './display-format';
import { type DetailSection, recordTable } from './record-views';

const f = new Formatter({ locale: 'en-GB', timeZone: 'UTC' });

function texts(cells: readonly Cell[]): string[] {
  return cells.map((cell) => (cell.secondary ? `${cell.text} | ${cell.secondary}` : cell.text));
}

function fields(sections: readonly DetailSection[]): Record<string, Record<string, string>> {
  return Object.fromEntries(
    sections.map((section) => [
      section.title,
      Object.fromEntries(section.fields.map((field) => [field.label, field.value.text])),
    ]),
  );
}

describe('recordTable', () => {
  it('shows the key fields of purchases in columns and every field in the details', () => {
    const table = recordTable({ kind: 'purchases', page: aRecordPage([aPurchase()]) }, f);
    expect(table.columns.map((column) => column.header)).toEqual([
      'Booked',
      'Mode',
      'Route',
      'Valid from',
      'Valid to',
      'Price',
      'Ticket',
    ]);
    const [row] = table.rows;
    expect(row?.label).toBe('Purchase 41');
    expect(texts(row?.cells ?? [])).toEqual([
      '5 Oct 2026, 08:12',
      'Bus',
      'Route 7: Oban – Ganavan',
      '6 Oct 2026, 07:00',
      '7 Oct 2026, 06:59',
      '£8.70',
      'Mobile | barcode',
    ]);
    expect(row?.cells[0]?.datetime).toBe('2026-10-05T08:12:30.000Z');
    expect(fields(row?.sections ?? [])).toEqual({
      Purchase: {
        ID: '41',
        Mode: 'Bus (007)',
        Operator: 'PSD Buses (029)',
        'Booking time': '5 Oct 2026, 08:12',
        'Travel class': 'Standard',
        Passengers: '1',
        'Passenger type': 'Adult',
        Agent: 'Mobile app',
        'Account balance': '—',
        Concession: '—',
        Conditions: 'Day Return. Valid on any service on the dates shown.',
        Restrictions: '—',
      },
      Journey: {
        Route: 'Route 7: Oban – Ganavan',
        'Travel valid from': '6 Oct 2026, 07:00',
        'Travel valid to': '7 Oct 2026, 06:59',
        From: 'Oban Station Road · NaPTAN 6100OBN1 · 56.4123, -5.4729 (±10 m)',
        To: 'Ganavan Sands · NaPTAN 6100GNV',
        Vehicle: 'Fleet 512',
        'Reserved position': '—',
        'Service request': 'Step-free access',
      },
      Payment: {
        Time: '5 Oct 2026, 08:13',
        Reference: 'TX029ABCDEFGHIJ',
        'Payment type': 'Purchase',
        'Payment method': 'Contactless',
        Amount: '£8.70',
      },
      Ticket: {
        'Number of usages': '2',
        Reference: 'K3J9X2M4P7Q1',
        'Reference type': 'Barcode',
        Medium: 'Mobile',
      },
    });
  });

  it('names the route after its places when the purchase has none', () => {
    const table = recordTable({ kind: 'purchases', page: aRecordPage([aPurchase({ route: null })]) }, f);
    expect(table.rows[0]?.cells[2]?.text).toBe('Oban Station Road – Ganavan Sands');
  });

  it('shows concessions with their discount', () => {
    const concession = aConcession({
      discount: { type: 'amount', value: '2.50', description: null },
      price: { amount: '35.00', currency: 'GBP' },
    });
    const table = recordTable({ kind: 'concessions', page: aRecordPage([concession]) }, f);
    expect(table.columns.map((column) => column.header)).toEqual([
      'Name',
      'Mode',
      'Discount',
      'Valid from',
      'Valid to',
      'Price',
    ]);
    expect(texts(table.rows[0]?.cells ?? [])).toEqual([
      'Under-19 Bus Pass',
      'Bus',
      '£2.50 off',
      '10 Jan 2026, 10:30',
      '10 Jan 2027, 10:30',
      '£35.00',
    ]);
    expect(fields(table.rows[0]?.sections ?? [])['Concession']).toMatchObject({
      Discount: '£2.50 off',
      'Discount description': '—',
      Conditions: 'For residents under 19.',
    });
    expect(Object.keys(fields(table.rows[0]?.sections ?? []))).toEqual(['Concession', 'Payment']);
  });

  it('shows usages with where and when they started and ended, and their services', () => {
    const table = recordTable({ kind: 'usages', page: aRecordPage([aUsage()]) }, f);
    expect(table.columns.map((column) => column.header)).toEqual(['From', 'To', 'Mode', 'Price', 'Pre-paid']);
    expect(texts(table.rows[0]?.cells ?? [])).toEqual([
      '6 Oct 2026, 08:05 | Oban Station Road',
      '6 Oct 2026, 08:31 | Ganavan Sands',
      'Bus',
      '£0.00',
      'Yes',
    ]);
    const details = fields(table.rows[0]?.sections ?? []);
    expect(details['Usage']).toMatchObject({ Reference: 'U029QWERTYUIOP', Purchase: '41', 'Pre-paid': 'Yes' });
    expect(details['Journey']).toMatchObject({ 'From reference': '6100OBN1', 'To reference': '—', Via: '—' });
    expect(details['Services']).toEqual({ Bicycle: '1 × space, £2.00' });

    const walkUp = recordTable(
      { kind: 'usages', page: aRecordPage([aUsage({ prePaid: false, purchaseId: null, services: [] })]) },
      f,
    );
    expect(fields(walkUp.rows[0]?.sections ?? [])['Services']).toEqual({ Services: 'None' });
    expect(walkUp.rows[0]?.cells[4]?.text).toBe('No');
  });
});
