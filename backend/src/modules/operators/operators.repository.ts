import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { ModeDto } from './dto/mode.dto';
import type { OperatorFilter } from './dto/operator-query.dto';
import type { OperatorRow } from './directory-snapshot';
import { DirectoryVersion } from './entities/directory-version.entity';
import { Mode } from './entities/mode.entity';
import { OperatorMiptaUrl } from './entities/operator-mipta-url.entity';
import { OperatorMode } from './entities/operator-mode.entity';
import { Operator } from './entities/operator.entity';

const VERSION_ROW = 1;

/**
 * Bumps `directory_versions.version`, so every instance reloads its directory snapshot within about a second. Any
 * code that changes operators or modes outside OperatorsService (the demo seeder) calls it in its transaction.
 */
export async function bumpDirectoryVersion(manager: EntityManager): Promise<void> {
  const versions = manager.getRepository(DirectoryVersion);
  await versions.createQueryBuilder().insert().values({ id: VERSION_ROW, version: 0 }).orIgnore().execute();
  await versions
    .createQueryBuilder()
    .update()
    .set({ version: () => 'version + 1' })
    .where('id = :id', { id: VERSION_ROW })
    .execute();
}

/** `%`, `_` and `\` match literally: the pattern is used with `ESCAPE '\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True for a foreign-key violation on PostgreSQL (23503) or SQLite. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export type OperatorScalars = Pick<
  OperatorRow,
  'name' | 'kind' | 'homepage' | 'customerAccountUrl' | 'accountsHosted' | 'email' | 'phone' | 'defaultLanguage'
>;

/**
 * All SQL of the operator directory, through TypeORM's query builder and repositories with bound parameters only.
 * Writes take an EntityManager so the service runs them (and the version bump) in one transaction.
 */
@Injectable()
export class OperatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async readVersion(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const row = await manager
      .getRepository(DirectoryVersion)
      .createQueryBuilder('v')
      .select('v.version', 'version')
      .where('v.id = :id', { id: VERSION_ROW })
      .getRawOne<{ version: number | string }>();
    return row ? Number(row.version) : 0;
  }

  /** Called by every write, in its transaction: other instances see the new version and reload. */
  bumpVersion(manager: EntityManager): Promise<void> {
    return bumpDirectoryVersion(manager);
  }

  async loadModes(manager: EntityManager = this.dataSource.manager): Promise<ModeDto[]> {
    const modes = await manager.getRepository(Mode).find({ order: { id: 'ASC' } });
    return modes.map(({ id, shortDesc, longDesc }) => ({ id, shortDesc, longDesc }));
  }

  /** Every operator (ordered by id), or the ones given, with its modes and MIPTA URLs in order. */
  async loadOperators(manager: EntityManager = this.dataSource.manager, ids?: string[]): Promise<OperatorRow[]> {
    if (ids?.length === 0) return [];
    const where = ids ? { id: In(ids) } : {};
    const linkWhere = ids ? { operatorId: In(ids) } : {};
    // One after another: inside a transaction all three share one connection.
    const operators = await manager.getRepository(Operator).find({ where, order: { id: 'ASC' } });
    const modes = await manager
      .getRepository(OperatorMode)
      .find({ where: linkWhere, order: { operatorId: 'ASC', position: 'ASC' } });
    const urls = await manager
      .getRepository(OperatorMiptaUrl)
      .find({ where: linkWhere, order: { operatorId: 'ASC', position: 'ASC' } });
    const modeIds = group(
      modes,
      (m) => m.operatorId,
      (m) => m.modeId,
    );
    const miptaUrls = group(
      urls,
      (u) => u.operatorId,
      (u) => u.url,
    );
    return operators.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      homepage: o.homepage,
      customerAccountUrl: o.customerAccountUrl,
      accountsHosted: o.accountsHosted,
      email: o.email,
      phone: o.phone,
      defaultLanguage: o.defaultLanguage,
      modeIds: modeIds.get(o.id) ?? [],
      miptaUrls: miptaUrls.get(o.id) ?? [],
      updatedAt: o.updatedAt,
    }));
  }

  /** Ids of matching operators in the requested order, one page at a time (exports iterate these pages). */
  async findIds(filter: OperatorFilter, offset: number, limit: number): Promise<string[]> {
    const builder = this.dataSource.getRepository(Operator).createQueryBuilder('o').select('o.id', 'id');
    applyFilter(builder, filter);
    const descending = filter.sort?.startsWith('-') ?? false;
    const direction = descending ? 'DESC' : 'ASC';
    if ((filter.sort ?? 'name').endsWith('name')) {
      // Code-unit order of the lower-cased name, as the in-memory sort (PostgreSQL's locale collation would differ).
      const binary = this.dataSource.options.type === 'postgres' ? ' COLLATE "C"' : '';
      builder.orderBy(`LOWER(o.name)${binary}`, direction);
    } else {
      builder.orderBy('o.id', direction);
    }
    builder.addOrderBy('o.id', direction).offset(offset).limit(limit);
    const rows = await builder.getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async operatorExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(Operator).existsBy({ id });
  }

  async missingModes(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await manager.getRepository(Mode).find({ select: { id: true }, where: { id: In(ids) } });
    const known = new Set(found.map((m) => m.id));
    return ids.filter((id) => !known.has(id));
  }

  async insertOperator(manager: EntityManager, row: Omit<OperatorRow, 'updatedAt'>, now: Date): Promise<void> {
    const { modeIds, miptaUrls, ...scalars } = row;
    await manager.getRepository(Operator).insert({ ...scalars, createdAt: now, updatedAt: now });
    await this.replaceModes(manager, row.id, modeIds);
    await this.replaceMiptaUrls(manager, row.id, miptaUrls);
  }

  async updateOperator(
    manager: EntityManager,
    id: string,
    changes: Partial<OperatorScalars> & { modeIds?: string[]; miptaUrls?: string[] },
    now: Date,
  ): Promise<void> {
    const { modeIds, miptaUrls, ...scalars } = changes;
    await manager.getRepository(Operator).update({ id }, { ...scalars, updatedAt: now });
    if (modeIds) await this.replaceModes(manager, id, modeIds);
    if (miptaUrls) await this.replaceMiptaUrls(manager, id, miptaUrls);
  }

  async deleteOperator(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(OperatorMode).delete({ operatorId: id });
    await manager.getRepository(OperatorMiptaUrl).delete({ operatorId: id });
    await manager.getRepository(Operator).delete({ id });
  }

  async findMode(manager: EntityManager, id: string): Promise<ModeDto | null> {
    const mode = await manager.getRepository(Mode).findOneBy({ id });
    return mode && { id: mode.id, shortDesc: mode.shortDesc, longDesc: mode.longDesc };
  }

  async insertMode(manager: EntityManager, mode: ModeDto): Promise<void> {
    await manager.getRepository(Mode).insert(mode);
  }

  async updateMode(manager: EntityManager, id: string, changes: Partial<Omit<ModeDto, 'id'>>): Promise<void> {
    if (Object.keys(changes).length > 0) await manager.getRepository(Mode).update({ id }, changes);
  }

  async modeInUse(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(OperatorMode).existsBy({ modeId: id });
  }

  async deleteMode(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Mode).delete({ id });
  }

  private async replaceModes(manager: EntityManager, operatorId: string, modeIds: string[]): Promise<void> {
    const repo = manager.getRepository(OperatorMode);
    await repo.delete({ operatorId });
    if (modeIds.length) await repo.insert(modeIds.map((modeId, i) => ({ operatorId, modeId, position: i + 1 })));
  }

  private async replaceMiptaUrls(manager: EntityManager, operatorId: string, urls: string[]): Promise<void> {
    const repo = manager.getRepository(OperatorMiptaUrl);
    await repo.delete({ operatorId });
    if (urls.length) await repo.insert(urls.map((url, i) => ({ operatorId, position: i + 1, url })));
  }
}

function group<T>(rows: T[], key: (row: T) => string, value: (row: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(value(row));
    else map.set(key(row), [value(row)]);
  }
  return map;
}

const blankToUndefined = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/**
 * The directory filters in SQL (the in-memory twin is operatorPredicate): case-insensitive "contains" as
 * `LOWER(col) LIKE LOWER(:p) ESCAPE '\'` with `%`, `_`, `\` escaped; modes by GROUP BY/HAVING COUNT.
 */
export function applyFilter(builder: SelectQueryBuilder<Operator>, filter: OperatorFilter): void {
  const contains = (column: string, param: string, text: string | undefined) => {
    const value = blankToUndefined(text);
    if (value === undefined) return;
    builder.andWhere(`LOWER(${column}) LIKE LOWER(:${param}) ESCAPE '\\'`, { [param]: containsPattern(value) });
  };
  builder.where('1 = 1');
  contains('o.name', 'q', filter.q);
  contains('o.email', 'email', filter.email);
  contains('o.phone', 'phone', filter.phone);
  contains('o.homepage', 'homepage', filter.homepage);
  const id = blankToUndefined(filter.id);
  if (id !== undefined)
    builder.andWhere(`o.id LIKE :idPrefix ESCAPE '\\'`, { idPrefix: `${containsPattern(id).slice(1)}` });
  const language = blankToUndefined(filter.language);
  if (language !== undefined) builder.andWhere('LOWER(o.default_language) = LOWER(:language)', { language });
  const mipta = blankToUndefined(filter.mipta);
  if (mipta !== undefined) {
    builder.andWhere(
      (qb) =>
        `EXISTS ${qb
          .subQuery()
          .select('1')
          .from(OperatorMiptaUrl, 'u')
          .where('u.operator_id = o.id')
          .andWhere(`LOWER(u.url) LIKE LOWER(:mipta) ESCAPE '\\'`)
          .getQuery()}`,
      { mipta: containsPattern(mipta) },
    );
  }
  const modes = [...new Set(filter.mode ?? [])];
  if (modes.length) {
    builder.andWhere(
      (qb) =>
        `o.id IN ${qb
          .subQuery()
          .select('om.operator_id')
          .from(OperatorMode, 'om')
          .where('om.mode_id IN (:...modes)')
          .groupBy('om.operator_id')
          .having('COUNT(om.mode_id) = :modeCount')
          .getQuery()}`,
      { modes, modeCount: modes.length },
    );
  }
}
