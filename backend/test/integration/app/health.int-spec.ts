import { DataSource } from 'typeorm';
import { appVersion } from '../../../src/common/app-version';
import { Clock } from '../../../src/common/time/clock';
import { DATABASE_PING_CACHE_MS } from '../../../src/health/health.service';
import { createTestApp, TestApp } from '../../support/test-app';

describe('GET /api/health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is public and answers 200 ok with the database up', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      version: appVersion(),
      uptimeSeconds: expect.any(Number),
      database: { status: 'up', type: t.config.database.type, latencyMs: expect.any(Number) },
    });
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('pings the database at most once per DATABASE_PING_CACHE_MS', async () => {
    const query = jest.spyOn(t.app.get(DataSource), 'query');
    try {
      for (let i = 0; i < 5; i++) expect((await t.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(query.mock.calls.filter(([sql]) => sql === 'SELECT 1').length).toBeLessThanOrEqual(1);
    } finally {
      query.mockRestore();
    }
  });

  it('answers 503 degraded when the database ping fails', async () => {
    const query = jest.spyOn(t.app.get(DataSource), 'query').mockRejectedValueOnce(new Error('connection reset'));
    // Past the reuse period of the previous tests' ping.
    const later = new Date(Date.now() + 2 * DATABASE_PING_CACHE_MS);
    const now = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(later);
    try {
      const res = await t.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'degraded',
        database: { status: 'down', type: t.config.database.type },
      });
      expect(res.json().database).not.toHaveProperty('latencyMs');
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      query.mockRestore();
      now.mockRestore();
    }
  });

  it('answers 503 once the DataSource is destroyed', async () => {
    const own = await createTestApp();
    try {
      await own.app.get(DataSource).destroy();
      const res = await own.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    } finally {
      await own.close();
    }
  });
});
