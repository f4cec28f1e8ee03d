import { Readable } from 'node:stream';
import type { Clock } from '../../common/time/clock';
import { AuditService } from './audit.service';
import type { AuditFilter, AuditRepository } from './audit.repository';
import { AuditRecord } from './entities/audit-record.entity';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const clock: Clock = { now: () => NOW };

function row(seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return Object.assign(new AuditRecord(), {
    seq,
    at: NOW,
    type: 'request',
    requestId: `r${seq}`,
    actorKind: 'anonymous',
    actorId: null,
    actorRole: null,
    ip: '127.0.0.1',
    method: 'GET',
    route: '/api/health',
    path: '/api/health',
    status: 200,
    durationMs: 1,
    userAgent: null,
    errorCode: null,
    entity: null,
    entityId: null,
    before: null,
    after: null,
    details: null,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...overrides,
  });
}

describe('AuditService', () => {
  it('pages with one row more than asked: a next cursor only when there is more', async () => {
    const search = jest.fn((_f: AuditFilter, limit: number, before?: number) => {
      const all = [5, 4, 3, 2, 1].filter((s) => before === undefined || s < before).slice(0, limit);
      return Promise.resolve(all.map((s) => row(s)));
    });
    const service = new AuditService({ search } as unknown as AuditRepository, clock);
    const first = await service.list({ limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([5, 4]);
    expect(first.nextCursor).toBe('4');
    const last = await service.list({ limit: 3, cursor: '3' });
    expect(last).toEqual({
      items: [expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 1 })],
      nextCursor: null,
    });
    expect(search).toHaveBeenLastCalledWith(expect.any(Object), 4, 3);
  });

  it('turns the query into a filter and refuses a range that ends before it starts', async () => {
    const search = jest.fn().mockResolvedValue([]);
    const service = new AuditService({ search } as unknown as AuditRepository, clock);
    await service.list({ from: '2026-01-01', to: '2026-02-01T00:00:00Z', actor: 'u1', status: '4xx', type: 'auth.*' });
    expect(search.mock.calls[0][0]).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      actorId: 'u1',
      statusClass: '4xx',
      type: 'auth.*',
      actorKind: undefined,
      ip: undefined,
      route: undefined,
      requestId: undefined,
      entity: undefined,
      entityId: undefined,
    });
    await expect(service.list({ from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('streams the export: a page is read from the database only when the one before has been sent', async () => {
    let pagesRead = 0;
    async function* pages(): AsyncGenerator<AuditRecord[]> {
      for (let p = 0; p < 3; p++) {
        pagesRead += 1;
        yield await Promise.resolve([row(100 - p * 2), row(99 - p * 2)]);
      }
    }
    const service = new AuditService({ pages } as unknown as AuditRepository, clock);
    const file = service.export({});
    expect(file.getHeaders()).toMatchObject({ type: 'text/csv; charset=utf-8' });
    const stream: Readable = file.getStream();
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
    const header = String((await iterator.next()).value);
    expect(header.startsWith('id,at,type,requestId,')).toBe(true);
    expect(pagesRead).toBeLessThanOrEqual(1);
    const chunks = [header];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks.push(String(next.value));
    expect(pagesRead).toBe(3);
    expect(chunks.join('').trim().split('\r\n')).toHaveLength(7);
  });
});
