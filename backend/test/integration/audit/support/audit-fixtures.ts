import { DataSource, In, Like } from 'typeorm';
import { AuditWriter } from '../../../../src/modules/audit/audit-writer.service';
import { AuditRecord } from '../../../../src/modules/audit/entities/audit-record.entity';
import type { TestApp } from '../../../support/test-app';

/** Lets the response hooks of requests just answered run, then stores everything the writer holds. */
export async function flushAudit(t: TestApp): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await t.app.get(AuditWriter).flush();
}

/** The stored records of some requests (by X-Request-Id), oldest first. */
export function recordsOfRequests(t: TestApp, requestIds: string[]): Promise<AuditRecord[]> {
  return t.app
    .get(DataSource)
    .getRepository(AuditRecord)
    .find({ where: { requestId: In(requestIds) }, order: { seq: 'ASC' } });
}

/** The one request record of a request id (throws when there is not exactly one). */
export async function requestRecord(t: TestApp, requestId: string): Promise<AuditRecord> {
  const rows = (await recordsOfRequests(t, [requestId])).filter((r) => r.type === 'request');
  if (rows.length !== 1) throw new Error(`expected one request record for ${requestId}, found ${rows.length}`);
  return rows[0];
}

/** The records of one type about one entity, oldest first. */
export function eventRecords(t: TestApp, type: string, entityId?: string): Promise<AuditRecord[]> {
  return t.app
    .get(DataSource)
    .getRepository(AuditRecord)
    .find({ where: { type, ...(entityId !== undefined && { entityId }) }, order: { seq: 'ASC' } });
}

/**
 * The newest record of one type about one entity. Operator ids have three digits and other test files reuse them, so
 * a test's own event is the newest of its type for that id, not the only one.
 */
export async function newestEventRecord(t: TestApp, type: string, entityId: string): Promise<AuditRecord> {
  const newest = (await eventRecords(t, type, entityId)).at(-1);
  if (!newest) throw new Error(`no ${type} record for ${entityId}`);
  return newest;
}

/**
 * The records of an account link's steps (`account-link.*` events whose `details.linkId` is this link), oldest first.
 * Link events have no entity columns: the link id and both ends are in `details`.
 */
export function linkStepRecords(t: TestApp, linkId: string): Promise<AuditRecord[]> {
  // Every step names its link as the record's entity (audit-events.ts), as the admin API's entity filter finds them.
  return t.app
    .get(DataSource)
    .getRepository(AuditRecord)
    .find({ where: { type: Like('account-link.%'), entity: 'account-link', entityId: linkId }, order: { seq: 'ASC' } });
}

let counter = 0;
/** A fresh X-Request-Id for a test request, so its record can be found among everything else the run recorded. */
export function requestId(label = 'audit'): string {
  counter += 1;
  return `it-${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into objects keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
