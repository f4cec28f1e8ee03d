import { DataSource, In } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { QueryHistoryEntry } from '../../../src/modules/history/entities/query-history-entry.entity';
import { HistoryRetentionService } from '../../../src/modules/history/history-retention.service';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser } from '../auth/support/auth-fixtures';
import { insertEntries } from './support/history-fixtures';

const DAY = 86_400_000;

// Hooks build apps, users and data: generous on a busy machine.
jest.setTimeout(30_000);

/** The scheduled clean-up against a real database: HISTORY_RETENTION_DAYS=30, HISTORY_MAX_ENTRIES=5. */
describe('HistoryRetentionService.purge (real database)', () => {
  let t: TestApp;
  let now: Date;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const remaining = async (ids: string[]) =>
    (
      await t.app
        .get(DataSource)
        .getRepository(QueryHistoryEntry)
        .findBy({ id: In(ids) })
    )
      .map((e) => e.id)
      .sort();

  beforeAll(async () => {
    t = await createAuthTestApp({ HISTORY_RETENTION_DAYS: '30', HISTORY_MAX_ENTRIES: '5' });
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('deletes entries older than the retention, of every user, and nothing younger', async () => {
    const a = (await createUser(t)).user.id;
    const b = (await createUser(t)).user.id;
    const old = [
      ...(await insertEntries(t, a, [{ createdAt: ago(31 * DAY) }, { createdAt: ago(30 * DAY + 1000) }])),
      ...(await insertEntries(t, b, [{ createdAt: ago(400 * DAY) }])),
    ];
    const young = [
      ...(await insertEntries(t, a, [{ createdAt: ago(30 * DAY - 60_000) }, { createdAt: ago(1000) }])),
      ...(await insertEntries(t, b, [{ createdAt: ago(DAY) }])),
    ];
    const counts = await t.app.get(HistoryRetentionService).purge();
    expect(counts.expired).toBeGreaterThanOrEqual(3);
    const ids = [...old, ...young].map((e) => e.id);
    expect(await remaining(ids)).toEqual(young.map((e) => e.id).sort());
  });

  it("keeps each user's newest HISTORY_MAX_ENTRIES entries and deletes the rest", async () => {
    const many = (await createUser(t)).user.id;
    const exact = (await createUser(t)).user.id;
    const entries = await insertEntries(
      t,
      many,
      Array.from({ length: 9 }, (_, i) => ({ createdAt: ago((9 - i) * 60_000) })),
    );
    const five = await insertEntries(
      t,
      exact,
      Array.from({ length: 5 }, (_, i) => ({ createdAt: ago((5 - i) * 60_000) })),
    );
    const counts = await t.app.get(HistoryRetentionService).purge();
    expect(counts.surplus).toBeGreaterThanOrEqual(4);
    expect(await remaining(entries.map((e) => e.id))).toEqual(
      entries
        .slice(4)
        .map((e) => e.id)
        .sort(),
    );
    expect(await remaining(five.map((e) => e.id))).toEqual(five.map((e) => e.id).sort());
    // A second run (or another instance's) finds nothing left to do.
    expect(await t.app.get(HistoryRetentionService).purge()).toEqual({ expired: 0, surplus: 0 });
  });
});
