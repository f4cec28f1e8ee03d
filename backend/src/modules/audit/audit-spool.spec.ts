import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntry, makeEntry } from './audit-entry';
import { AuditSpool, REJECTED_FILE, SealedSegment } from './audit-spool';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const entry = (n: number): AuditEntry => makeEntry({ type: 'request', actorKind: 'anonymous', status: n }, NOW);

async function readAll(spool: AuditSpool, segment: SealedSegment, rejected: string[] = []) {
  const reader = await spool.read(segment, (line) => rejected.push(line));
  const entries: AuditEntry[] = [];
  for await (const e of reader.entries) entries.push(e);
  return { id: reader.id, statuses: entries.map((e) => e.status) };
}

describe('AuditSpool', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'oth-spool-')), 'spool');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('appends to one open segment, created with mode 0600 under a folder it creates', async () => {
    const spool = new AuditSpool(dir);
    await spool.init();
    expect(spool.hasData).toBe(false);
    await spool.append([entry(1), entry(2)]);
    await spool.append([entry(3)]);
    expect(spool.hasData).toBe(true);
    const files = readdirSync(dir);
    expect(files).toEqual(['audit-spool.000000000001.ndjson']);
    expect(statSync(join(dir, files[0])).mode & 0o777).toBe(0o600);
    const lines = readFileSync(join(dir, files[0]), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0])).toEqual({ segment: expect.any(String) });
  });

  it('keeps the open segment out of replay until sealed', async () => {
    const spool = new AuditSpool(dir);
    await spool.append([entry(1)]);
    expect(await spool.sealed()).toEqual([]);
    spool.seal();
    const sealed = await spool.sealed();
    expect(sealed).toHaveLength(1);
    expect(await readAll(spool, sealed[0])).toEqual({ id: expect.any(String), statuses: [1] });
  });

  it('orders a failed batch before what was spooled while it was in flight', async () => {
    const spool = new AuditSpool(dir);
    await spool.append([entry(1)]); // spooled before the batch was taken
    const ticket = spool.reserve(); // the batch [2] goes to the database…
    await spool.append([entry(3)]); // …the buffer overflows meanwhile…
    await spool.appendReserved(ticket, [entry(2)]); // …and the batch fails
    spool.seal();
    const order: (number | null)[] = [];
    for (const segment of await spool.sealed()) order.push(...(await readAll(spool, segment)).statuses);
    expect(order).toEqual([1, 2, 3]);
  });

  it('numbers new segments after those a previous run left', async () => {
    const first = new AuditSpool(dir);
    await first.append([entry(1)]);
    const second = new AuditSpool(dir);
    await second.init();
    expect(second.hasData).toBe(true);
    await second.append([entry(2)]);
    second.seal();
    expect((await second.sealed()).map((s) => s.n)).toEqual([1, 2]);
  });

  it('removes replayed segments and moves unreadable lines to the rejected file', async () => {
    const spool = new AuditSpool(dir);
    await spool.append([entry(1)]);
    spool.seal();
    const [segment] = await spool.sealed();
    writeFileSync(segment.path, '{"truncated', { flag: 'a' });
    const rejected: string[] = [];
    expect((await readAll(spool, segment, rejected)).statuses).toEqual([1]);
    expect(rejected).toEqual(['{"truncated']);
    await spool.remove(segment);
    expect(spool.hasData).toBe(false);
    expect(readdirSync(dir)).toEqual([REJECTED_FILE]);
  });

  it('keeps refused entries in the rejected file', async () => {
    const spool = new AuditSpool(dir);
    await spool.appendRejected(JSON.stringify(entry(7)));
    expect(readFileSync(join(dir, REJECTED_FILE), 'utf8')).toBe(`${JSON.stringify(entry(7))}\n`);
    expect(spool.hasData).toBe(false);
  });

  it('reports an append that cannot be written to its caller only', async () => {
    const blocker = join(dir, '..', 'file');
    writeFileSync(blocker, 'not a folder');
    const spool = new AuditSpool(join(blocker, 'spool'));
    await expect(spool.append([entry(1)])).rejects.toThrow();
    await expect(spool.idle()).resolves.toBeUndefined();
  });
});
