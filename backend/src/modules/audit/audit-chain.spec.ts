import {
  chainContent,
  chainContentJson,
  chainEntries,
  ChainedRecord,
  GENESIS_HASH,
  linksTo,
  recordHash,
  verifyChain,
} from './audit-chain';
import { canonicalJson } from './canonical-json';
import { AuditEntry, makeEntry } from './audit-entry';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry =>
  makeEntry({ type: 'request', actorKind: 'anonymous', path: `/api/x/${n}`, status: 200, ...overrides }, NOW);

async function* iterate(records: ChainedRecord[]): AsyncGenerator<ChainedRecord> {
  for (const record of records) yield await Promise.resolve(record);
}

const head = (records: ChainedRecord[]) => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });
const GENESIS = { seq: 0, hash: GENESIS_HASH };

describe('the audit hash chain', () => {
  const chain = chainEntries(
    GENESIS,
    [1, 2, 3, 4, 5].map((n) => entry(n)),
  );

  it('numbers records from the head and links each to the hash before it', () => {
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    expect(new Set(chain.map((r) => r.hash)).size).toBe(5);
    expect(chain[2].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the previous hash and the canonical content: key order does not count, every field does', () => {
    const e = entry(1, { details: { b: 1, a: 2 } });
    const reordered = { ...e, details: { a: 2, b: 1 } };
    expect(recordHash(GENESIS_HASH, 1, reordered)).toBe(recordHash(GENESIS_HASH, 1, e));
    expect(recordHash(GENESIS_HASH, 2, e)).not.toBe(recordHash(GENESIS_HASH, 1, e));
    expect(recordHash('1'.repeat(64), 1, e)).not.toBe(recordHash(GENESIS_HASH, 1, e));
    expect(recordHash(GENESIS_HASH, 1, { ...e, status: 201 })).not.toBe(recordHash(GENESIS_HASH, 1, e));
    expect(recordHash(GENESIS_HASH, 1, { ...e, actorId: 'x' })).not.toBe(recordHash(GENESIS_HASH, 1, e));
  });

  it('continues a chain from its head', () => {
    const more = chainEntries(head(chain), [entry(6)]);
    expect(more[0]).toMatchObject({ seq: 6, prevHash: chain[4].hash });
    expect(linksTo(head(chain), more[0])).toBe(true);
    expect(linksTo(GENESIS, more[0])).toBe(false);
  });

  it('verifies an intact chain', async () => {
    await expect(verifyChain(iterate(chain), GENESIS, head(chain))).resolves.toEqual({
      ok: true,
      checked: 5,
      anchor: GENESIS,
      head: head(chain),
      problem: null,
    });
  });

  it('verifies an empty chain', async () => {
    await expect(verifyChain(iterate([]), GENESIS, GENESIS)).resolves.toMatchObject({ ok: true, checked: 0 });
  });

  it('names a record whose content was edited', async () => {
    const tampered = chain.map((r) => (r.seq === 3 ? { ...r, status: 500 } : r));
    const result = await verifyChain(iterate(tampered), GENESIS, head(chain));
    expect(result).toMatchObject({ ok: false, checked: 3, problem: { seq: 3, kind: 'altered' } });
  });

  it('names a record edited with its hash recomputed (the next record still points at the old hash)', async () => {
    const edited = { ...chain[1], path: '/api/elsewhere' };
    const rehashed = { ...edited, hash: recordHash(edited.prevHash, edited.seq, edited) };
    const tampered = chain.map((r) => (r.seq === 2 ? rehashed : r));
    const result = await verifyChain(iterate(tampered), GENESIS, head(chain));
    expect(result.problem).toMatchObject({ seq: 2, kind: 'altered' });
  });

  it('names the first of removed records in the middle', async () => {
    const result = await verifyChain(iterate(chain.filter((r) => r.seq !== 2 && r.seq !== 3)), GENESIS, head(chain));
    expect(result.problem).toEqual({ seq: 2, kind: 'missing', message: 'Records 2 to 3 were removed' });
  });

  it('names removed records at the end (the head knows how many there were)', async () => {
    const result = await verifyChain(iterate(chain.slice(0, 4)), GENESIS, head(chain));
    expect(result.problem).toEqual({ seq: 5, kind: 'missing', message: 'Record 5 (the last one) was removed' });
  });

  it('names removed records at the start', async () => {
    const result = await verifyChain(iterate(chain.slice(1)), GENESIS, head(chain));
    expect(result.problem).toMatchObject({ seq: 1, kind: 'missing' });
  });

  it('names the last record when it no longer matches the head', async () => {
    const last = { ...chain[4], path: '/api/other' };
    const rehashed = { ...last, hash: recordHash(last.prevHash, last.seq, last) };
    const result = await verifyChain(iterate([...chain.slice(0, 4), rehashed]), GENESIS, head(chain));
    expect(result.problem).toMatchObject({ seq: 5, kind: 'altered' });
  });

  it('starts from an anchor after a purge', async () => {
    const anchor = { seq: chain[1].seq, hash: chain[1].hash };
    await expect(verifyChain(iterate(chain.slice(2)), anchor, head(chain))).resolves.toMatchObject({
      ok: true,
      checked: 3,
    });
    const wrongAnchor = { seq: 2, hash: 'f'.repeat(64) };
    const result = await verifyChain(iterate(chain.slice(2)), wrongAnchor, head(chain));
    expect(result.problem).toMatchObject({ seq: 3, kind: 'altered' });
    expect(result.problem?.message).toContain('anchor');
  });
});

describe('chainContentJson', () => {
  const base = makeEntry(
    {
      type: 'operator.updated',
      at: '2026-05-01T10:00:00.000Z',
      requestId: 'r-"1"',
      actorKind: 'user',
      actorId: 'u-é',
      actorRole: 'admin',
      ip: '::1',
      method: 'PATCH',
      route: '/api/v1/operators/:id',
      path: '/api/v1/operators/012',
      status: 200,
      durationMs: 12,
      userAgent: 'ua\n\u2028',
      errorCode: null,
      entity: 'operator',
      entityId: '012',
      before: { b: 1, a: [1, { z: null, y: 'x' }] },
      after: { name: 'ScotRail', Z: true },
      details: { fields: ['email'], count: 0 },
    },
    new Date('2026-05-01T10:00:00.000Z'),
  );

  it.each([
    ['every member set', base],
    ['request record (nulls)', makeEntry({ type: 'request', actorKind: 'anonymous' }, new Date(0))],
    ['a member missing (spooled by an older layout)', { ...base, entityId: undefined } as unknown as typeof base],
  ])('writes exactly what canonicalJson writes: %s', (_label, entry) => {
    for (const seq of [1, 42, 2 ** 40]) {
      expect(chainContentJson(seq, entry)).toBe(canonicalJson(chainContent(seq, entry)));
    }
  });

  it('refuses numbers JSON cannot hold, as canonicalJson does', () => {
    expect(() => chainContentJson(1, { ...base, status: Number.NaN })).toThrow(TypeError);
  });
});
