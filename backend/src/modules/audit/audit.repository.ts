import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { chainEntries, ChainedRecord, ChainPoint, GENESIS_HASH, linksTo } from './audit-chain';
import type { AuditEntry } from './audit-entry';
import { AUDIT_CHAIN_ID, AuditChainState } from './entities/audit-chain-state.entity';
import { AuditActorKind, AuditRecord } from './entities/audit-record.entity';
import { AuditSpoolCursor } from './entities/audit-spool-cursor.entity';

/**
 * Rows per INSERT statement: 22 columns × 256 = 5632 parameters, far below SQLite's 32766 and PostgreSQL's 65535. A
 * batch is written in statements of 256, 128, 64… rows (its size in binary), so a handful of statement texts serve
 * every batch and the SQLite driver's statement cache keeps them prepared.
 */
export const INSERT_CHUNK_ROWS = 256;
/** Rows read per query when walking the chain or exporting. */
export const READ_PAGE_ROWS = 1000;

/** The chain's two ends: where verification starts (anchor) and the last record appended (head). */
export interface ChainEnds {
  anchor: ChainPoint;
  head: ChainPoint;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';

/** The admin API's filters, already validated; every given one applies. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorId?: string;
  actorKind?: AuditActorKind;
  ip?: string;
  statusClass?: StatusClass;
  /** Contained in the route template or the path (case-insensitive). */
  route?: string;
  /** An exact type (`request`, `operator.updated`) or a family (`auth.*`). */
  type?: string;
  requestId?: string;
  entity?: string;
  entityId?: string;
}

/** `%`, `_` and `\` match literally in a LIKE pattern built from input. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const EMPTY_ENDS: ChainEnds = { anchor: { seq: 0, hash: GENESIS_HASH }, head: { seq: 0, hash: GENESIS_HASH } };

/** A stored record as the chain sees it (the content exactly as hashed when it was appended). */
export function toChainedRecord(row: AuditRecord): ChainedRecord {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    type: row.type,
    requestId: row.requestId,
    actorKind: row.actorKind,
    actorId: row.actorId,
    actorRole: row.actorRole,
    ip: row.ip,
    method: row.method,
    route: row.route,
    path: row.path,
    status: row.status,
    durationMs: row.durationMs,
    userAgent: row.userAgent,
    errorCode: row.errorCode,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    details: row.details ?? null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Statement sizes, largest first: a batch of n rows is written as n's binary digits (256 + 128 + … + 1). */
function chunkSizes(rows: number): number[] {
  const sizes: number[] = [];
  let left = rows;
  for (let size = INSERT_CHUNK_ROWS; left > 0; size = size > 1 ? size >> 1 : 1) {
    while (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * Every database access of the audit log. A plain class over a DataSource (Nest injects it; the verify CLI builds
 * one itself). Appends and purges lock the chain-state row (PostgreSQL `SELECT … FOR UPDATE`), so any number of
 * instances append to one chain in turn; SQLite runs one process, whose transactions already take turns.
 */
@Injectable()
export class AuditRepository {
  private readonly insertStatements = new Map<number, string>();
  private columns: ColumnMetadata[] | null = null;

  constructor(private readonly dataSource: DataSource) {}

  private get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** Cheap reachability probe. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The anchor and head as committed now (both at seq 0 before the first record). */
  async chainEnds(): Promise<ChainEnds> {
    const state = await this.dataSource.getRepository(AuditChainState).findOneBy({ id: AUDIT_CHAIN_ID });
    return state ? this.endsOf(state) : EMPTY_ENDS;
  }

  /**
   * Appends entries at the head, in order, in one transaction: lock the chain state, chain them (seq and hashes),
   * multi-row INSERTs, move the head; with `cursor`, also record how far a spool segment has been replayed.
   */
  append(entries: readonly AuditEntry[], cursor?: { segmentId: string; replayed: number }): Promise<ChainedRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.lockChainState(manager);
      const records = chainEntries({ seq: state.headSeq, hash: state.headHash }, entries);
      let offset = 0;
      for (const size of chunkSizes(records.length)) {
        await manager.query(this.insertStatement(size), this.insertParameters(records, offset, size));
        offset += size;
      }
      const last = records.at(-1);
      if (last) {
        await manager
          .getRepository(AuditChainState)
          .update({ id: AUDIT_CHAIN_ID }, { headSeq: last.seq, headHash: last.hash, updatedAt: new Date() });
      }
      if (cursor) {
        await manager
          .getRepository(AuditSpoolCursor)
          .upsert({ segmentId: cursor.segmentId, replayed: cursor.replayed, updatedAt: new Date() }, ['segmentId']);
      }
      return records;
    });
  }

  /**
   * `INSERT INTO audit_records (<every column>) VALUES (…), (…)` for `rows` rows, with bound parameters only (`?` or
   * `$n`); the column list comes from the entity's metadata. Built once per size. The audit writer appends thousands
   * of rows a second: TypeORM's insert query builder spends far more time building such a statement (it scans its
   * parameter list for every value) than the database spends storing the rows.
   */
  private insertStatement(rows: number): string {
    let sql = this.insertStatements.get(rows);
    if (sql) return sql;
    const { driver } = this.dataSource;
    const columns = this.insertColumns();
    let n = 0;
    const tuple = () => `(${columns.map(() => driver.createParameter('p', n++)).join(', ')})`;
    const tuples = Array.from({ length: rows }, tuple);
    const table = driver.escape(this.dataSource.getMetadata(AuditRecord).tableName);
    sql = `INSERT INTO ${table} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${tuples.join(', ')}`;
    this.insertStatements.set(rows, sql);
    return sql;
  }

  /** The parameters of `insertStatement(size)` for records[offset … offset + size), as the driver stores each column. */
  private insertParameters(records: readonly ChainedRecord[], offset: number, size: number): unknown[] {
    const { driver } = this.dataSource;
    const columns = this.insertColumns();
    const parameters: unknown[] = [];
    for (let i = offset; i < offset + size; i++) {
      const record = records[i] as unknown as Record<string, unknown>;
      for (const column of columns) {
        const value = column.propertyName === 'at' ? new Date(record.at as string) : record[column.propertyName];
        parameters.push(driver.preparePersistentValue(value ?? null, column) ?? null);
      }
    }
    return parameters;
  }

  private insertColumns(): ColumnMetadata[] {
    this.columns ??= this.dataSource.getMetadata(AuditRecord).columns;
    return this.columns;
  }

  /** How many entries of a spool segment are already stored (0 for a segment never replayed). */
  async spoolCursor(segmentId: string): Promise<number> {
    const row = await this.dataSource.getRepository(AuditSpoolCursor).findOneBy({ segmentId });
    return row?.replayed ?? 0;
  }

  async deleteSpoolCursor(segmentId: string): Promise<void> {
    await this.dataSource.getRepository(AuditSpoolCursor).delete({ segmentId });
  }

  /** Records with after < seq <= upto in ascending seq order, read a page at a time. */
  async *chainRecords(after: number, upto: number): AsyncGenerator<ChainedRecord> {
    let from = after;
    while (from < upto) {
      const rows = await this.dataSource
        .getRepository(AuditRecord)
        .createQueryBuilder('r')
        .where('r.seq > :from AND r.seq <= :upto', { from, upto })
        .orderBy('r.seq', 'ASC')
        .take(READ_PAGE_ROWS)
        .getMany();
      if (rows.length === 0) return;
      for (const row of rows) yield toChainedRecord(row);
      from = rows[rows.length - 1].seq;
    }
  }

  /**
   * Deletes the oldest records, at most `maxRows`, stopping at the first one at or after `cutoff` (records are
   * deleted as a prefix of the chain, so it stays whole), and makes the last one deleted the anchor, in one
   * transaction. Returns how many were deleted.
   */
  purgeOldest(cutoff: Date, maxRows: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.lockChainState(manager);
      const window = await manager
        .getRepository(AuditRecord)
        .createQueryBuilder('r')
        .where('r.seq > :anchor', { anchor: state.anchorSeq })
        .orderBy('r.seq', 'ASC')
        .take(maxRows)
        .getMany();
      let last: ChainPoint = { seq: state.anchorSeq, hash: state.anchorHash };
      for (const row of window) {
        if (row.at.getTime() >= cutoff.getTime()) break;
        // Only an intact prefix is purged: a removed or edited record stays for verification to report, instead
        // of disappearing behind a new anchor.
        const record = toChainedRecord(row);
        if (!linksTo(last, record)) break;
        last = { seq: record.seq, hash: record.hash };
      }
      if (last.seq === state.anchorSeq) return 0;
      const deleted = await manager
        .getRepository(AuditRecord)
        .createQueryBuilder()
        .delete()
        .where('seq > :anchor AND seq <= :last', { anchor: state.anchorSeq, last: last.seq })
        .execute();
      await manager
        .getRepository(AuditChainState)
        .update({ id: AUDIT_CHAIN_ID }, { anchorSeq: last.seq, anchorHash: last.hash, updatedAt: new Date() });
      return deleted.affected ?? last.seq - state.anchorSeq;
    });
  }

  /** One page of records matching the filter, newest first, older than `beforeSeq` when given. */
  search(filter: AuditFilter, limit: number, beforeSeq?: number): Promise<AuditRecord[]> {
    const query = this.filtered(filter).orderBy('r.seq', 'DESC').take(limit);
    if (beforeSeq !== undefined) query.andWhere('r.seq < :beforeSeq', { beforeSeq });
    return query.getMany();
  }

  findBySeq(seq: number): Promise<AuditRecord | null> {
    return this.dataSource.getRepository(AuditRecord).findOneBy({ seq });
  }

  /** Every record matching the filter, newest first, a page at a time (nothing else is held in memory). */
  async *pages(filter: AuditFilter): AsyncGenerator<AuditRecord[]> {
    let before: number | undefined;
    for (;;) {
      const page = await this.search(filter, READ_PAGE_ROWS, before);
      if (page.length > 0) yield page;
      if (page.length < READ_PAGE_ROWS) return;
      before = page[page.length - 1].seq;
    }
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditRecord> {
    const query = this.dataSource.getRepository(AuditRecord).createQueryBuilder('r');
    if (filter.from) query.andWhere('r.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('r.at <= :to', { to: filter.to });
    if (filter.actorId) query.andWhere('r.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.actorKind) query.andWhere('r.actor_kind = :actorKind', { actorKind: filter.actorKind });
    if (filter.ip) query.andWhere('r.ip = :ip', { ip: filter.ip });
    if (filter.statusClass) {
      const low = Number(filter.statusClass[0]) * 100;
      query.andWhere('r.status >= :low AND r.status < :high', { low, high: low + 100 });
    }
    if (filter.route) {
      const pattern = `%${escapeLike(filter.route.toLowerCase())}%`;
      query.andWhere(
        new Brackets((q) =>
          q
            .where("LOWER(r.route) LIKE :route ESCAPE '\\'", { route: pattern })
            .orWhere("LOWER(r.path) LIKE :route ESCAPE '\\'", { route: pattern }),
        ),
      );
    }
    if (filter.type?.endsWith('.*')) {
      query.andWhere("r.type LIKE :typePrefix ESCAPE '\\'", { typePrefix: `${escapeLike(filter.type.slice(0, -1))}%` });
    } else if (filter.type) {
      query.andWhere('r.type = :type', { type: filter.type });
    }
    if (filter.requestId) query.andWhere('r.request_id = :requestId', { requestId: filter.requestId });
    if (filter.entity) query.andWhere('r.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('r.entity_id = :entityId', { entityId: filter.entityId });
    return query;
  }

  /** The chain-state row, locked until the transaction ends on PostgreSQL; created at seq 0 when missing. */
  private async lockChainState(manager: EntityManager): Promise<AuditChainState> {
    const read = () => {
      const query = manager
        .getRepository(AuditChainState)
        .createQueryBuilder('s')
        .where('s.id = :id', { id: AUDIT_CHAIN_ID });
      if (this.isPostgres) query.setLock('pessimistic_write');
      return query.getOne();
    };
    const state = await read();
    if (state) return state;
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditChainState)
      .values({
        id: AUDIT_CHAIN_ID,
        headSeq: 0,
        headHash: GENESIS_HASH,
        anchorSeq: 0,
        anchorHash: GENESIS_HASH,
        updatedAt: new Date(),
      })
      .orIgnore()
      .execute();
    const created = await read();
    if (!created) throw new Error('audit_chain_state: the chain-state row could not be created');
    return created;
  }

  private endsOf(state: AuditChainState): ChainEnds {
    return {
      anchor: { seq: state.anchorSeq, hash: state.anchorHash },
      head: { seq: state.headSeq, hash: state.headHash },
    };
  }
}
