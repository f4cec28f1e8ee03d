import { describeVerification, main, EXIT_ERROR, EXIT_OK } from './audit-verify';

describe('audit:verify CLI', () => {
  it('describes an intact chain and a broken one', () => {
    const base = { checked: 3, anchor: { seq: 0, hash: '0'.repeat(64) }, head: { seq: 3, hash: 'a'.repeat(64) } };
    expect(describeVerification({ ...base, ok: true, problem: null })).toEqual([
      'Audit chain: records 1 to 3; 3 checked.',
      `Head: 3 ${'a'.repeat(64)}`,
      'OK: every record is intact and in place.',
    ]);
    const broken = describeVerification({
      ...base,
      anchor: { seq: 1, hash: 'b'.repeat(64) },
      ok: false,
      problem: { seq: 2, kind: 'missing', message: 'Record 2 was removed' },
    });
    expect(broken).toContain(`Anchor (last purged record): 1 ${'b'.repeat(64)}`);
    expect(broken.at(-1)).toBe('BROKEN at record 2 (missing): Record 2 was removed');
    expect(describeVerification({ ...base, checked: 0, head: base.anchor, ok: true, problem: null })[0]).toBe(
      'Audit chain: the audit log is empty; 0 checked.',
    );
  });

  it('prints its usage, and refuses unknown arguments and a bad configuration with exit code 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await main(
        ['--help'],
        {},
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(EXIT_OK);
    expect(out[0]).toContain('npm run audit:verify');
    expect(
      await main(
        ['--fix'],
        {},
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(EXIT_ERROR);
    expect(err[0]).toContain('Unknown argument: --fix');
    expect(
      await main(
        [],
        { PORT: 'x' },
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(EXIT_ERROR);
    expect(err[1]).toContain('PORT');
  });
});
