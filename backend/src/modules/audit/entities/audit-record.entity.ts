import { Check, Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../../database/columns';

/** A staff user, an API client, a caller without credentials, or the application itself (scheduled work). */
export const AUDIT_ACTOR_KINDS = ['user', 'apiClient', 'anonymous', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** The `type` of a request record; every other type is a domain event's (`operator.updated`, `auth.login-failed`…). */
export const REQUEST_RECORD_TYPE = 'request';

/** PostgreSQL returns `bigint` as a string; sequence numbers stay far below 2^53, so a JS number holds them exactly. */
export const bigintNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * One audit record: an API request (`type = 'request'`, with method, route, status…) or a domain event (with entity,
 * before/after and details). Rows are only ever appended, by the audit writer, in `seq` order; each carries the hash
 * of its content and of the previous record's hash (docs/security.md, "Audit log"), so an edited or deleted row is
 * found by verification. Columns are the filters of the admin API; the indexes end in `seq` for keyset paging.
 */
@Entity('audit_records')
@Check('chk_audit_records_actor_kind', `"actor_kind" IN ('user', 'apiClient', 'anonymous', 'system')`)
@Index('idx_audit_records_at', ['at'])
@Index('idx_audit_records_actor', ['actorId', 'seq'])
@Index('idx_audit_records_ip', ['ip', 'seq'])
@Index('idx_audit_records_type', ['type', 'seq'])
@Index('idx_audit_records_status', ['status', 'seq'])
@Index('idx_audit_records_request', ['requestId'])
@Index('idx_audit_records_entity', ['entity', 'entityId', 'seq'])
export class AuditRecord {
  /** Position in the chain: 1, 2, 3… without gaps (a gap is a removed record). Also the record's id in the API. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  seq: number;

  /** When the request completed, or when the event happened. */
  @TimestampColumn()
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The request's id (`X-Request-Id`); for an event, the id of the request that caused it, when there was one. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 10 })
  actorKind: AuditActorKind;

  /** Staff user id or API client id; null for anonymous callers and the system. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  /** The staff user's role at the time. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  method: string | null;

  /** The route template (`/api/v1/operators/:id`); null when no route matched (404). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  route: string | null;

  /** The path without its query string (query strings can carry tokens). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  path: string | null;

  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /** The `code` of an error response (`UNAUTHENTICATED`, `IP_BLOCKED`, `RATE_LIMITED`…). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  /** Events: the kind of thing concerned (`operator`, `user`, `api-client`…) and its id. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  entity: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  entityId: string | null;

  @JsonColumn({ nullable: true })
  before: Record<string, unknown> | null;

  @JsonColumn({ nullable: true })
  after: Record<string, unknown> | null;

  /** Everything else an event carried (for `customer.accessed`: operator, customer, what, fields, count…). */
  @JsonColumn({ nullable: true })
  details: Record<string, unknown> | null;

  /** The previous record's `hash` (the chain's anchor for the first record kept). */
  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  /** SHA-256 (hex) of `prevHash` and the canonical JSON of this record's content. */
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
