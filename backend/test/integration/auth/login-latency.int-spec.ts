import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../../src/modules/auth/password.service';
import { User } from '../../../src/modules/users/entities/user.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser, login } from './support/auth-fixtures';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The production bcrypt cost (12) through the whole login route. The latency is printed for docs/security.md, not
 * asserted: a timed assertion would only measure how busy the machine is (performance claims are benchmarks).
 */
describe('login latency at bcrypt cost 12', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createAuthTestApp({ BCRYPT_COST: '12' });
  });
  afterAll(() => t?.close());

  // 20 hashes at cost 12 take about 4 s on an idle machine, more on a busy one.
  it('20 sequential logins at cost 12 succeed (latency printed)', async () => {
    const { user, password } = await createUser(t);
    const hash = await t.app.get(PasswordService).hash(password);
    expect(hash).toMatch(/^\$2b\$12\$/);
    await t.app.get(DataSource).getRepository(User).update({ id: user.id }, { passwordHash: hash });

    await login(t, user.email, password); // warm-up (JIT, connection, dummy hash)
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const res = await login(t, user.email, password);
      timings.push(performance.now() - start);
      expect(res.statusCode).toBe(200);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    process.stdout.write(
      `login latency (bcrypt cost 12, ${timings.length} sequential logins): p50 ${p50.toFixed(0)} ms, ` +
        `p95 ${p95.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms\n`,
    );
  }, 120_000);
});
