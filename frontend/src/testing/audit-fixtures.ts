import {
  type AuditRecord,
  type AuditRecordDetail,
  type AuditVerification,
} from '../app/features/admin/model/audit.model';
import { type IpAllowDto, type IpBlockDto } from '../app/features/admin/model/ip-rules.model';

/** Small factories with overridable defaults for audit log and IP list test data. */

/** The signed-in admin of the specs (`signInAs` uses this id). */
export const ADMIN_ID = 'user-1';

export function aRequestRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: 1,
    at: '2026-05-01T10:00:00.000Z',
    type: 'request',
    requestId: 'req-1',
    actor: { kind: 'user', id: ADMIN_ID, role: 'admin' },
    ip: '203.0.113.7',
    method: 'GET',
    route: '/api/v1/operators/:id',
    path: '/api/v1/operators/012',
    status: 200,
    durationMs: 12,
    userAgent: 'Mozilla/5.0',
    errorCode: null,
    entity: null,
    entityId: null,
    details: null,
    ...overrides,
  };
}

export function anEventRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return aRequestRecord({
    id: 2,
    type: 'operator.updated',
    ip: null,
    method: null,
    route: null,
    path: null,
    status: null,
    durationMs: null,
    userAgent: null,
    entity: 'operator',
    entityId: '012',
    ...overrides,
  });
}

export function aRecordDetail(
  record: AuditRecord = anEventRecord(),
  overrides: Partial<AuditRecordDetail> = {},
): AuditRecordDetail {
  return {
    ...record,
    before: { id: '012', name: 'ScotRail', modes: ['010'] },
    after: { id: '012', name: 'ScotRail Trains', modes: ['010', '020'] },
    diff: [
      { path: 'modes', kind: 'changed', before: ['010'], after: ['010', '020'] },
      { path: 'name', kind: 'changed', before: 'ScotRail', after: 'ScotRail Trains' },
    ],
    hash: 'a'.repeat(64),
    prevHash: 'b'.repeat(64),
    ...overrides,
  };
}

export function aVerification(overrides: Partial<AuditVerification> = {}): AuditVerification {
  return {
    ok: true,
    checked: 1234,
    anchor: { seq: 0, hash: '0'.repeat(64) },
    head: { seq: 1234, hash: 'c'.repeat(64) },
    problem: null,
    verifiedAt: '2026-05-01T10:05:00.000Z',
    ...overrides,
  };
}

export function anIpBlock(overrides: Partial<IpBlockDto> = {}): IpBlockDto {
  return {
    id: 'block-1',
    range: '203.0.113.0/24',
    reason: 'Credential stuffing',
    expiresAt: null,
    createdBy: { id: ADMIN_ID, email: 'ada@example.org', displayName: 'Ada Lovelace' },
    createdAt: '2026-05-01T09:00:00.000Z',
    auto: false,
    ...overrides,
  };
}

export function anIpAllow(overrides: Partial<IpAllowDto> = {}): IpAllowDto {
  return {
    id: 'allow-1',
    range: '198.51.100.0/24',
    reason: 'Office network',
    expiresAt: null,
    createdBy: { id: ADMIN_ID, email: 'ada@example.org', displayName: 'Ada Lovelace' },
    createdAt: '2026-04-01T09:00:00.000Z',
    ...overrides,
  };
}
