import { describe, expect, it } from 'vitest';

import { isHealthReport } from './health';

describe('isHealthReport', () => {
  const valid = {
    status: 'ok',
    version: '1.2.3',
    uptimeSeconds: 12,
    database: { status: 'up', type: 'sqlite', latencyMs: 3 },
  };

  it('accepts a well-formed report, with or without latency', () => {
    expect(isHealthReport(valid)).toBe(true);
    expect(isHealthReport({ ...valid, status: 'degraded', database: { status: 'down', type: 'postgres' } })).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isHealthReport(null)).toBe(false);
    expect(isHealthReport('<!doctype html>')).toBe(false);
    expect(isHealthReport({ ...valid, status: 'fine' })).toBe(false);
    expect(isHealthReport({ ...valid, version: 3 })).toBe(false);
    expect(isHealthReport({ ...valid, database: undefined })).toBe(false);
    expect(isHealthReport({ ...valid, database: { status: 'up', type: 'mysql' } })).toBe(false);
    expect(isHealthReport({ ...valid, database: { status: 'up', type: 'sqlite', latencyMs: '3' } })).toBe(false);
  });
});
