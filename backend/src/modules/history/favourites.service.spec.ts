import { QueryFailedError } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import type { Clock } from '../../common/time/clock';
import type { CreateFavouriteDto } from './dto/favourite.dto';
import { FAVOURITE_LIMIT, FavouritesService } from './favourites.service';
import type { HistoryRepository } from './history.repository';

const NOW = new Date('2026-05-01T12:00:00Z');

function setup(overrides: { count?: number; insertError?: Error } = {}) {
  const repository = {
    countFavourites: jest.fn().mockResolvedValue(overrides.count ?? 0),
    insertFavourite: jest
      .fn()
      .mockImplementation(() => (overrides.insertError ? Promise.reject(overrides.insertError) : Promise.resolve())),
  };
  const clock: Clock = { now: () => NOW };
  return { repository, service: new FavouritesService(repository as unknown as HistoryRepository, clock) };
}

const dto = (overrides: Partial<CreateFavouriteDto> = {}): CreateFavouriteDto => ({
  name: 'Scottish ferries',
  kind: 'operators',
  params: { q: 'ferr', mode: ['012', '011'] },
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('FavouritesService.create', () => {
  it('stores the params normalised, with the lower-case name key', async () => {
    const { repository, service } = setup();
    const created = await service.create('u1', dto({ name: 'Scottish Ferries' }));
    expect(created).toMatchObject({
      name: 'Scottish Ferries',
      kind: 'operators',
      params: { mode: ['011', '012'], q: 'ferr' },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(repository.insertFavourite).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'u1', nameKey: 'scottish ferries' }),
    );
  });

  it('maps the query rules’ problems to VALIDATION_FAILED details under params.<field>', async () => {
    const { service } = setup();
    const error = await failure(service.create('u1', dto({ kind: 'customers', params: { q: 'ab', cursor: 'x' } })));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(error.details).toEqual([
      expect.objectContaining({ field: 'params.cursor', constraint: 'whitelistValidation' }),
    ]);
    const dates = await failure(
      service.create('u1', dto({ kind: 'purchases', params: { operatorId: '029', customerId: 'C1', to: 'soon' } })),
    );
    expect(dates.details).toEqual([expect.objectContaining({ field: 'params.to', constraint: 'isDateWindow' })]);
    const shape = await failure(service.create('u1', dto({ params: [] as unknown as Record<string, unknown> })));
    expect(shape.details).toEqual([expect.objectContaining({ field: 'params', constraint: 'isObject' })]);
  });

  it('refuses a favourite beyond the limit (409 FAVOURITE_LIMIT), and a taken name (409 FAVOURITE_NAME_TAKEN)', async () => {
    const full = setup({ count: FAVOURITE_LIMIT });
    expect(await failure(full.service.create('u1', dto()))).toMatchObject({ code: 'FAVOURITE_LIMIT', status: 409 });
    expect(full.repository.insertFavourite).not.toHaveBeenCalled();

    const unique = Object.assign(new QueryFailedError('INSERT', [], new Error('unique')), {
      driverError: { code: 'SQLITE_CONSTRAINT_UNIQUE' },
    });
    const taken = setup({ insertError: unique });
    expect(await failure(taken.service.create('u1', dto()))).toMatchObject({
      code: 'FAVOURITE_NAME_TAKEN',
      status: 409,
    });
  });
});
