import { DataSource } from 'typeorm';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource } from './fresh-database';

/**
 * lower() and upper() fold every letter on both drivers: SQLite's built-ins fold ASCII only, so the SQLite connection
 * registers Unicode-aware ones (src/database/connection-options.ts); PostgreSQL's follow the database's locale.
 */
describe(`lower() and upper() in SQL (${testDbKind()})`, () => {
  const sqlite = testDbKind() === 'sqlite';
  let db: FreshDatabase;
  let dataSource: DataSource;

  /** One expression's value, through the app's own DataSource. */
  const value = async (expression: string, parameters: unknown[] = []) =>
    (await dataSource.query<{ v: unknown }[]>(`SELECT ${expression} AS v`, parameters))[0].v;
  const param = (n: number) => (sqlite ? '?' : `$${n}::text`);

  beforeAll(async () => {
    db = await freshDatabase('case_functions');
    dataSource = await openDataSource(db.env);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  // One letter to one letter, as both drivers map it. (Context-dependent and one-to-many mappings such as a final
  // sigma, 'İ' or upper('ß') follow JavaScript on SQLite and the locale's per-letter table on PostgreSQL.)
  it('folds non-ASCII letters as JavaScript does', async () => {
    expect(await value(`lower('ÖBB Élodie')`)).toBe('öbb élodie');
    expect(await value(`upper('öbb élodie')`)).toBe('ÖBB ÉLODIE');
    expect(await value(`lower(${param(1)})`, ['ÆØÅ ĄŁŻ ΩΜΈΓΑ Ÿ'])).toBe('æøå ąłż ωμέγα ÿ');
    expect(await value(`upper(${param(1)})`, ['Zürich 東京 🚆'])).toBe('ZÜRICH 東京 🚆');
  });

  it('makes LOWER(col) LIKE LOWER(:p) match across case for any letter', async () => {
    const like = `lower(${param(1)}) LIKE lower(${param(2)})`;
    const matches = async (text: string, pattern: string) =>
      [true, 1, '1'].includes((await value(like, [text, pattern])) as never);
    expect(await matches('ÖBB Rail', '%öbb%')).toBe(true);
    expect(await matches('Élodie Martin', 'élodie%')).toBe(true);
    expect(await matches('Elodie Martin', 'élodie%')).toBe(false);
  });

  it('keeps NULL as NULL', async () => {
    expect(await value(`lower(${param(1)})`, [null])).toBeNull();
    expect(await value(`upper(${param(1)})`, [null])).toBeNull();
  });

  (sqlite ? it : it.skip)('gives numbers and blobs their text form, as the SQLite built-ins do', async () => {
    expect(await value('lower(12)')).toBe('12');
    expect(await value('typeof(lower(12))')).toBe('text');
    expect(await value('lower(9007199254740993)')).toBe('9007199254740993');
    expect(await value('lower(1.0)')).toBe('1.0');
    expect(await value('lower(1.0 / 3)')).toBe('0.33333333333333332');
    expect(await value('upper(1e20)')).toBe('1.0E+20');
    expect(await value('lower(1e20)')).toBe('1.0e+20');
    expect(await value(`lower(X'C39642')`)).toBe('öb');
    expect(await value(`typeof(upper(X'41'))`)).toBe('text');
  });
});
