import { Column } from 'typeorm';

/**
 * An amount of money as integer minor units (pence for GBP) plus its ISO 4217 currency. Integers avoid binary
 * floating point; the API renders them as decimal strings ("8.70") with `formatMinorUnits`.
 */
export class Money {
  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;
}

/** Money that a record may lack (both columns NULL). */
export class OptionalMoney {
  @Column({ type: 'integer', nullable: true })
  amount: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;
}

/** Currencies whose minor unit is not 1/100 (ISO 4217); all others have two decimals. */
const MINOR_UNIT_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3 };

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency.toUpperCase()] ?? 2;
}

/** 870 GBP → "8.70"; -5 GBP → "-0.05"; 1500 JPY → "1500". */
export function formatMinorUnits(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer number of minor units: ${amount}`);
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount).toString();
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** "8.70" GBP → 870. Throws on more decimals than the currency has. */
export function parseMinorUnits(decimal: string, currency: string): number {
  const digits = minorUnitDigits(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match || (match[3]?.length ?? 0) > digits) throw new RangeError(`not a ${currency} amount: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return sign ? -value : value;
}
