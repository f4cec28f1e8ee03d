import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { CommonErrors } from '../../common/errors/common.errors';
import { Clock } from '../../common/time/clock';
import type {
  CreateFavouriteDto,
  FavouriteDto,
  FavouriteListQueryDto,
  FavouritePageDto,
  RenameFavouriteDto,
} from './dto/favourite.dto';
import { Favourite, favouriteNameKey } from './entities/favourite.entity';
import { HistoryErrors } from './history.errors';
import { HistoryRepository } from './history.repository';
import { checkStoredParams, normaliseParams } from './query-params';

const DEFAULT_PAGE_SIZE = 50;
/** Favourites per user, at most. */
export const FAVOURITE_LIMIT = 200;

export function toFavouriteDto(favourite: Favourite): FavouriteDto {
  return {
    id: favourite.id,
    name: favourite.name,
    kind: favourite.kind,
    // PostgreSQL's jsonb keeps keys in its own order: sorted again on the way out.
    params: normaliseParams(favourite.params),
    createdAt: favourite.createdAt.toISOString(),
    updatedAt: favourite.updatedAt.toISOString(),
  };
}

/** The caller's favourites: named queries, checked by the rules of their kind, names unique per user ignoring case. */
@Injectable()
export class FavouritesService {
  constructor(
    private readonly repository: HistoryRepository,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, query: FavouriteListQueryDto): Promise<FavouritePageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const [rows, total] = await this.repository.listFavourites(userId, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: rows.map(toFavouriteDto), total, page, pageSize };
  }

  async get(userId: string, id: string): Promise<FavouriteDto> {
    const favourite = await this.repository.findFavourite(userId, id);
    if (!favourite) throw HistoryErrors.favouriteNotFound();
    return toFavouriteDto(favourite);
  }

  /** Checks in this order: params (400), the limit (409 FAVOURITE_LIMIT), the name (409 FAVOURITE_NAME_TAKEN). */
  async create(userId: string, dto: CreateFavouriteDto): Promise<FavouriteDto> {
    const checked = await checkStoredParams(dto.kind, dto.params);
    if (!checked.params) {
      throw CommonErrors.validationFailed(
        checked.problems.map((p) => ({ ...p, field: p.field === 'params' ? 'params' : `params.${p.field}` })),
      );
    }
    if ((await this.repository.countFavourites(userId)) >= FAVOURITE_LIMIT) {
      throw HistoryErrors.limitReached(FAVOURITE_LIMIT);
    }
    const now = this.clock.now();
    const favourite = Object.assign(new Favourite(), {
      id: randomUUID(),
      userId,
      name: dto.name,
      nameKey: favouriteNameKey(dto.name),
      kind: dto.kind,
      params: checked.params,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.repository.insertFavourite(favourite);
    } catch (error) {
      if (isUniqueViolation(error)) throw HistoryErrors.nameTaken();
      throw error;
    }
    return toFavouriteDto(favourite);
  }

  async rename(userId: string, id: string, dto: RenameFavouriteDto): Promise<FavouriteDto> {
    const change = { name: dto.name, nameKey: favouriteNameKey(dto.name), updatedAt: this.clock.now() };
    let renamed: boolean;
    try {
      renamed = await this.repository.renameFavourite(userId, id, change);
    } catch (error) {
      if (isUniqueViolation(error)) throw HistoryErrors.nameTaken();
      throw error;
    }
    if (!renamed) throw HistoryErrors.favouriteNotFound();
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteFavourite(userId, id))) throw HistoryErrors.favouriteNotFound();
  }
}
