import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { auditCsvHeader, auditCsvRows } from './audit-export';
import { verifyAuditLog } from './audit-verification';
import { AuditErrors } from './audit.errors';
import { AuditFilter, AuditRepository } from './audit.repository';
import { AUDIT_PAGE_SIZE_DEFAULT, AuditFilterQueryDto, AuditQueryDto } from './dto/audit-query.dto';
import { AuditPageDto, AuditRecordDetailDto, toAuditRecordDetailDto, toAuditRecordDto } from './dto/audit-record.dto';
import { AuditVerificationDto } from './dto/audit-verification.dto';

/** The admin API of the audit log: search, one record with its diff, CSV export, chain verification. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? AUDIT_PAGE_SIZE_DEFAULT;
    const before = query.cursor === undefined ? undefined : Number(query.cursor);
    // One more than asked tells whether there is a next page without a count.
    const rows = await this.repository.search(this.filterOf(query), limit + 1, before);
    const items = rows.slice(0, limit).map(toAuditRecordDto);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  async get(id: number): Promise<AuditRecordDetailDto> {
    const row = await this.repository.findBySeq(id);
    if (!row) throw AuditErrors.notFound(id);
    return toAuditRecordDetailDto(row);
  }

  /** Every matching record, newest first, as CSV written page by page while it is sent. */
  export(query: AuditFilterQueryDto): StreamableFile {
    const filter = this.filterOf(query);
    const pages = this.repository.pages(filter);
    const chunks = (async function* () {
      yield auditCsvHeader();
      for await (const page of pages) yield auditCsvRows(page);
    })();
    const stamp = this.clock.now().toISOString().slice(0, 10);
    return new StreamableFile(Readable.from(chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-${stamp}.csv"`,
    });
  }

  async verify(): Promise<AuditVerificationDto> {
    const outcome = await verifyAuditLog(this.repository);
    return {
      ok: outcome.ok,
      checked: outcome.checked,
      anchor: outcome.anchor,
      head: outcome.head,
      problem: outcome.problem
        ? { id: outcome.problem.seq, kind: outcome.problem.kind, message: outcome.problem.message }
        : null,
      verifiedAt: this.clock.now().toISOString(),
    };
  }

  private filterOf(query: AuditFilterQueryDto): AuditFilter {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && to.getTime() < from.getTime()) throw AuditErrors.rangeReversed();
    return {
      from,
      to,
      actorId: query.actor,
      actorKind: query.actorKind,
      ip: query.ip,
      statusClass: query.status,
      route: query.route,
      type: query.type,
      requestId: query.requestId,
      entity: query.entity,
      entityId: query.entityId,
    };
  }
}
