import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../operators/operator-export';
import type { AuditRecord } from './entities/audit-record.entity';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'type',
  'requestId',
  'actorKind',
  'actorId',
  'actorRole',
  'ip',
  'method',
  'route',
  'path',
  'status',
  'durationMs',
  'userAgent',
  'errorCode',
  'entity',
  'entityId',
  'details',
  'before',
  'after',
  'hash',
] as const;

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));
const text = (value: string | number | null) => (value === null ? '' : String(value));

/** One CSV record; JSON members (details, before, after) as JSON text; cells that would run as formulas neutralised. */
export function auditCsvRecord(row: AuditRecord): string[] {
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string> = {
    id: String(row.seq),
    at: row.at.toISOString(),
    type: row.type,
    requestId: text(row.requestId),
    actorKind: row.actorKind,
    actorId: text(row.actorId),
    actorRole: text(row.actorRole),
    ip: text(row.ip),
    method: text(row.method),
    route: text(row.route),
    path: text(row.path),
    status: text(row.status),
    durationMs: text(row.durationMs),
    userAgent: text(row.userAgent),
    errorCode: text(row.errorCode),
    entity: text(row.entity),
    entityId: text(row.entityId),
    details: json(row.details),
    before: json(row.before),
    after: json(row.after),
    hash: row.hash,
  };
  return AUDIT_CSV_COLUMNS.map((column) => neutraliseFormula(cells[column]));
}

export const auditCsvHeader = (): string => stringify([[...AUDIT_CSV_COLUMNS]], { record_delimiter: 'windows' });
export const auditCsvRows = (rows: AuditRecord[]): string =>
  stringify(rows.map(auditCsvRecord), { record_delimiter: 'windows' });
