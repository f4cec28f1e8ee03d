import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import type { AppConfigService } from '../../config/app-config.service';
import type { AuditSettings } from '../../config/audit-config';
import type { AuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer.service';
import type { AuditRepository } from './audit.repository';

describe('AuditWriter (inline)', () => {
  let dir: string;
  let appended: AuditEntry[];

  function makeWriter(overrides: Partial<AuditSettings> = {}): AuditWriter {
    const audit: AuditSettings = {
      enabled: true,
      retentionDays: 365,
      flushIntervalMs: 0,
      batchSize: 10,
      bufferMax: 100,
      spoolDir: dir,
      writer: 'inline',
      ...overrides,
    };
    const repository = {
      append: (entries: readonly AuditEntry[]) => {
        appended.push(...entries);
        return Promise.resolve([]);
      },
    } as unknown as AuditRepository;
    const config = { audit, database: { type: 'sqlite', path: join(dir, 'x.sqlite') }, logLevel: 'silent' };
    return new AuditWriter(repository, config as AppConfigService, new Clock());
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oth-writer-service-'));
    appended = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the raw fields storable before storing them', async () => {
    const writer = makeWriter();
    writer.record({ type: 'request', actorKind: 'anonymous', at: '2026-05-01T10:00:00.000Z', durationMs: 3.6 });
    expect(writer.pending).toBe(1);
    await writer.flush();
    expect(appended).toEqual([
      expect.objectContaining({ type: 'request', at: '2026-05-01T10:00:00.000Z', durationMs: 4, route: null }),
    ]);
    expect(writer.pending).toBe(0);
  });

  it('records nothing when disabled', async () => {
    const writer = makeWriter({ enabled: false });
    writer.record({ type: 'request', actorKind: 'anonymous' });
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect(appended).toEqual([]);
  });
});
