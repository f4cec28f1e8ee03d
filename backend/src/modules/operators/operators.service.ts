import { Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { CommonErrors } from '../../common/errors/common.errors';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { DomainEventsService } from '../events/domain-events.service';
import { DirectorySnapshotService } from './directory-snapshot.service';
import { toOperatorDto } from './directory-snapshot';
import { CreateModeDto, ModeDto, UpdateModeDto } from './dto/mode.dto';
import { OperatorDto, OperatorPageDto } from './dto/operator.dto';
import { OperatorExportQueryDto, OperatorFilter, OperatorQueryDto } from './dto/operator-query.dto';
import { CreateOperatorDto, OPERATOR_USER_FIELDS, UpdateOperatorDto } from './dto/operator-write.dto';
import { csvHeader, csvRows } from './operator-export';
import { searchOperators } from './operator-search';
import { OperatorErrors } from './operators.errors';
import { isForeignKeyViolation, OperatorsRepository } from './operators.repository';

const DEFAULT_PAGE_SIZE = 20;
/** Rows per database page while exporting: the export streams and never holds the whole result. */
export const EXPORT_PAGE_SIZE = 100;

/**
 * The operator directory for the query tool: reads from the in-memory snapshot (filters, sorting, paging), exports
 * streamed page by page from the database, and the writes with their permission rules. Every write runs in one
 * transaction with the directory version bump, then reloads the snapshot and publishes a domain event.
 */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly repository: OperatorsRepository,
    private readonly snapshots: DirectorySnapshotService,
    private readonly events: DomainEventsService,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
  ) {}

  async listModes(): Promise<ModeDto[]> {
    return (await this.snapshots.get()).modes as ModeDto[];
  }

  async search(query: OperatorQueryDto): Promise<OperatorPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const matches = searchOperators((await this.snapshots.get()).operators, query);
    const start = (page - 1) * pageSize;
    return { items: matches.slice(start, start + pageSize).map((o) => o.dto), total: matches.length, page, pageSize };
  }

  async get(id: string): Promise<OperatorDto> {
    const found = (await this.snapshots.get()).byId.get(id);
    if (!found) throw OperatorErrors.operatorNotFound(id);
    return found.dto;
  }

  /** Every match as a CSV or JSON download, read from the database one page at a time. */
  export(query: OperatorExportQueryDto): StreamableFile {
    const { format, ...filter } = query;
    const pages = this.exportPages(filter);
    const chunks =
      format === 'csv'
        ? (async function* () {
            yield csvHeader();
            for await (const page of pages) yield csvRows(page);
          })()
        : (async function* () {
            let first = true;
            yield '[';
            for await (const page of pages) {
              for (const op of page) {
                yield `${first ? '' : ','}\n${JSON.stringify(op)}`;
                first = false;
              }
            }
            yield first ? ']\n' : '\n]\n';
          })();
    const stamp = this.clock.now().toISOString().slice(0, 10);
    return new StreamableFile(Readable.from(chunks), {
      type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      disposition: `attachment; filename="operators-${stamp}.${format}"`,
    });
  }

  async createOperator(dto: CreateOperatorDto, principal: Principal): Promise<OperatorDto> {
    const row = {
      id: dto.id,
      name: dto.name,
      kind: dto.kind,
      homepage: dto.homepage,
      customerAccountUrl: dto.customerAccountUrl,
      accountsHosted: dto.accountsHosted ?? false,
      email: dto.email ?? '',
      phone: dto.phone ?? '',
      defaultLanguage: dto.defaultLanguage,
      modeIds: dto.modeIds,
      miptaUrls: dto.miptaUrls,
    };
    const after = await this.write(
      async (manager) => {
        if (await this.repository.operatorExists(manager, dto.id)) throw OperatorErrors.operatorExists(dto.id);
        await this.checkModes(manager, dto.modeIds);
        await this.repository.insertOperator(manager, row, this.clock.now());
        return this.loadOperator(manager, dto.id);
      },
      () => OperatorErrors.operatorExists(dto.id),
    );
    this.events.publish('operator.created', principal, 'operator', dto.id, { before: null, after });
    return after;
  }

  async updateOperator(id: string, dto: UpdateOperatorDto, principal: Principal): Promise<OperatorDto> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateOperatorDto;
    const nulls = Object.keys(changes).filter((k) => changes[k as keyof UpdateOperatorDto] === null);
    if (nulls.length) {
      throw CommonErrors.validationFailed(
        nulls.map((field) => ({ field, constraint: 'notNull', message: `${field} must not be null` })),
      );
    }
    this.checkOperatorUserMayChange(principal, id, Object.keys(changes) as (keyof UpdateOperatorDto)[]);
    const result = await this.write(async (manager) => {
      const before = await this.loadOperator(manager, id);
      if (Object.keys(changes).length === 0) return { before, after: before };
      if (changes.modeIds) await this.checkModes(manager, changes.modeIds);
      await this.repository.updateOperator(manager, id, changes, this.clock.now());
      return { before, after: await this.loadOperator(manager, id) };
    });
    if (result.before !== result.after) this.events.publish('operator.updated', principal, 'operator', id, result);
    return result.after;
  }

  async deleteOperator(id: string, principal: Principal): Promise<void> {
    const before = await this.write(
      async (manager) => {
        const current = await this.loadOperator(manager, id);
        await this.repository.deleteOperator(manager, id);
        return current;
      },
      undefined,
      () => OperatorErrors.operatorInUse(id),
    );
    this.events.publish('operator.deleted', principal, 'operator', id, { before, after: null });
  }

  async createMode(dto: CreateModeDto, principal: Principal): Promise<ModeDto> {
    const mode: ModeDto = { id: dto.id, shortDesc: dto.shortDesc, longDesc: dto.longDesc };
    await this.write(
      async (manager) => {
        if (await this.repository.findMode(manager, dto.id)) throw OperatorErrors.modeExists(dto.id);
        await this.repository.insertMode(manager, mode);
      },
      () => OperatorErrors.modeExists(dto.id),
    );
    this.events.publish('mode.created', principal, 'mode', mode.id, { before: null, after: mode });
    return mode;
  }

  async updateMode(id: string, dto: UpdateModeDto, principal: Principal): Promise<ModeDto> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined && v !== null));
    const result = await this.write(async (manager) => {
      const before = await this.repository.findMode(manager, id);
      if (!before) throw OperatorErrors.modeNotFound(id);
      await this.repository.updateMode(manager, id, changes);
      return { before, after: { ...before, ...changes } };
    });
    this.events.publish('mode.updated', principal, 'mode', id, result);
    return result.after;
  }

  async deleteMode(id: string, principal: Principal): Promise<void> {
    const before = await this.write(
      async (manager) => {
        const current = await this.repository.findMode(manager, id);
        if (!current) throw OperatorErrors.modeNotFound(id);
        if (await this.repository.modeInUse(manager, id)) throw OperatorErrors.modeInUse(id);
        await this.repository.deleteMode(manager, id);
        return current;
      },
      undefined,
      () => OperatorErrors.modeInUse(id),
    );
    this.events.publish('mode.deleted', principal, 'mode', id, { before, after: null });
  }

  /** Operator users: their own operator only (else FORBIDDEN), and only OPERATOR_USER_FIELDS (else FIELD_NOT_ALLOWED). */
  private checkOperatorUserMayChange(principal: Principal, id: string, fields: (keyof UpdateOperatorDto)[]): void {
    if (principal.kind !== 'user' || principal.user.role === 'admin') return;
    if (principal.user.role !== 'operator' || principal.user.operatorId !== id) throw OperatorErrors.notYourOperator();
    const refused = fields.filter((field) => !OPERATOR_USER_FIELDS.has(field));
    if (refused.length) throw OperatorErrors.fieldsNotAllowed(refused);
  }

  private async checkModes(manager: EntityManager, modeIds: string[]): Promise<void> {
    const missing = await this.repository.missingModes(manager, modeIds);
    if (missing.length) throw OperatorErrors.unknownModes(missing);
  }

  private async loadOperator(manager: EntityManager, id: string): Promise<OperatorDto> {
    const [row] = await this.repository.loadOperators(manager, [id]);
    if (!row) throw OperatorErrors.operatorNotFound(id);
    const modes = new Map((await this.repository.loadModes(manager)).map((m) => [m.id, m]));
    return toOperatorDto(row, modes, this.config.publicUrl);
  }

  /**
   * Runs a write and the version bump in one transaction, then reloads the snapshot. Unique and foreign-key
   * violations that a concurrent write caused (the checks inside passed) become the given conflicts.
   */
  private async write<T>(
    work: (manager: EntityManager) => Promise<T>,
    onDuplicate?: () => Error,
    onReferenced?: () => Error,
  ): Promise<T> {
    let result: T;
    try {
      result = await this.repository.transaction(async (manager) => {
        const value = await work(manager);
        await this.repository.bumpVersion(manager);
        return value;
      });
    } catch (error) {
      if (onDuplicate && isUniqueViolation(error)) throw onDuplicate();
      if (onReferenced && isForeignKeyViolation(error)) throw onReferenced();
      throw error;
    }
    await this.snapshots.reload();
    return result;
  }

  /** Matching operators, EXPORT_PAGE_SIZE at a time, from the database in the requested order. */
  private async *exportPages(filter: OperatorFilter): AsyncGenerator<OperatorDto[]> {
    const modes = new Map((await this.repository.loadModes()).map((m) => [m.id, m]));
    for (let offset = 0; ; offset += EXPORT_PAGE_SIZE) {
      const ids = await this.repository.findIds(filter, offset, EXPORT_PAGE_SIZE);
      if (ids.length === 0) return;
      const rows = new Map((await this.repository.loadOperators(undefined, ids)).map((r) => [r.id, r]));
      yield ids.flatMap((id) => {
        const row = rows.get(id);
        return row ? [toOperatorDto(row, modes, this.config.publicUrl)] : [];
      });
      if (ids.length < EXPORT_PAGE_SIZE) return;
    }
  }
}
