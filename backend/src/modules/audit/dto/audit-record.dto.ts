import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { fieldDiff, FieldChangeKind } from '../audit-diff';
import { AUDIT_ACTOR_KINDS, AuditActorKind, AuditRecord } from '../entities/audit-record.entity';

export class AuditActorDto {
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS })
  kind: AuditActorKind;

  @ApiProperty({ type: String, nullable: true, description: 'Staff user id or API client id; null when anonymous' })
  id: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The staff user's role at the time" })
  role: string | null;
}

/** A record as the list shows it (no before/after). */
export class AuditRecordDto {
  @ApiProperty({ example: 1042, description: 'Position in the chain; the id of the detail route' })
  id: number;

  @ApiProperty({ format: 'date-time', description: 'When the request was answered, or the event happened' })
  at: string;

  @ApiProperty({
    example: 'request',
    description: '`request`, or the event type (`operator.updated`, `auth.login-failed`…)',
  })
  type: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'X-Request-Id of the request (for an event: that caused it)',
  })
  requestId: string | null;

  @ApiProperty({ type: AuditActorDto })
  actor: AuditActorDto;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PATCH' })
  method: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/operators/:id',
    description: 'null when no route matched',
  })
  route: string | null;

  @ApiProperty({ type: String, nullable: true, example: '/api/v1/operators/012', description: 'Without query string' })
  path: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 200,
    description: '499: the client closed the connection first',
  })
  status: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 12 })
  durationMs: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Cut to 300 characters' })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'UNAUTHENTICATED', description: 'code of an error response' })
  errorCode: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'operator',
    description: 'Events: the kind of thing concerned',
  })
  entity: string | null;

  @ApiProperty({ type: String, nullable: true, example: '012' })
  entityId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Events: what else the event carried (for customer.accessed: operatorId, customerId, what, fields…)',
  })
  details: Record<string, unknown> | null;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'address.city', description: 'Dotted path; arrays are compared whole' })
  path: string;

  @ApiProperty({ enum: ['added', 'removed', 'changed'] })
  kind: FieldChangeKind;

  @ApiPropertyOptional({ description: 'Absent when added' })
  before?: unknown;

  @ApiPropertyOptional({ description: 'Absent when removed' })
  after?: unknown;
}

/** One record with everything it holds: before/after of a change, the field diff and the chain hashes. */
export class AuditRecordDetailDto extends AuditRecordDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Changes: the thing before, in its API shape (null for a creation and for other records)',
  })
  before: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Changes: the thing after, in its API shape (null for a deletion and for other records)',
  })
  after: Record<string, unknown> | null;

  @ApiProperty({ type: [FieldChangeDto], description: 'Fields that differ between before and after (empty otherwise)' })
  diff: FieldChangeDto[];

  @ApiProperty({ example: 'a3f…', description: "SHA-256 (hex) of the previous record's hash and this content" })
  hash: string;

  @ApiProperty({ example: '9c1…', description: "The previous record's hash" })
  prevHash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto], description: 'Newest first' })
  items: AuditRecordDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next (older) page; null at the end',
  })
  nextCursor: string | null;
}

export function toAuditRecordDto(row: AuditRecord): AuditRecordDto {
  return {
    id: row.seq,
    at: row.at.toISOString(),
    type: row.type,
    requestId: row.requestId,
    actor: { kind: row.actorKind, id: row.actorId, role: row.actorRole },
    ip: row.ip,
    method: row.method,
    route: row.route,
    path: row.path,
    status: row.status,
    durationMs: row.durationMs,
    userAgent: row.userAgent,
    errorCode: row.errorCode,
    entity: row.entity,
    entityId: row.entityId,
    details: row.details ?? null,
  };
}

export function toAuditRecordDetailDto(row: AuditRecord): AuditRecordDetailDto {
  const before = row.before ?? null;
  const after = row.after ?? null;
  return {
    ...toAuditRecordDto(row),
    before,
    after,
    diff: fieldDiff(before, after),
    hash: row.hash,
    prevHash: row.prevHash,
  };
}
