import { stringify } from 'csv-stringify/sync';
import type { OperatorDto } from './dto/operator.dto';

export const CSV_COLUMNS = [
  'id',
  'name',
  'kind',
  'homepage',
  'customerAccountUrl',
  'email',
  'phone',
  'defaultLanguage',
  'modes',
  'miptaUrls',
  'updatedAt',
] as const;

/**
 * A cell a spreadsheet would run as a formula (`=`, `@`, tab, CR, or `+`/`-` not followed by a digit or space, so
 * phone numbers stay as they are) gets a leading `'` (OWASP "CSV injection").
 */
export function neutraliseFormula(cell: string): string {
  return /^[=@\t\r]/.test(cell) || /^[+-][^0-9 (]/.test(cell) ? `'${cell}` : cell;
}

/** One CSV record: modes as `010 train; 007 bus`, MIPTA URLs separated by spaces. */
export function csvRecord(op: OperatorDto): string[] {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: op.id,
    name: op.name,
    kind: op.kind,
    homepage: op.homepage,
    customerAccountUrl: op.customerAccountUrl,
    email: op.email,
    phone: op.phone,
    defaultLanguage: op.defaultLanguage,
    modes: op.modes.map((m) => `${m.id} ${m.shortDesc}`).join('; '),
    miptaUrls: op.miptaUrls.join(' '),
    updatedAt: op.updatedAt,
  };
  return CSV_COLUMNS.map((column) => neutraliseFormula(cells[column]));
}

export const csvHeader = (): string => stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' });
export const csvRows = (ops: OperatorDto[]): string => stringify(ops.map(csvRecord), { record_delimiter: 'windows' });
