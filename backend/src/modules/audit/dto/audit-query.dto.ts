import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsIP, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AUDIT_ACTOR_KINDS, AuditActorKind } from '../entities/audit-record.entity';
import type { StatusClass } from '../audit.repository';

export const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
export const AUDIT_PAGE_SIZE_DEFAULT = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;

/** `request`, an event type (`operator.updated`) or a family of them (`auth.*`). */
export const AUDIT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*(\.\*)?$/;
/** Ids as the API shows them: UUIDs, numbers, operator ids, customer ids. */
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The filters of the audit log; every given one applies. Shared by the list and the CSV export. */
export class AuditFilterQueryDto {
  @ApiPropertyOptional({ example: '2026-05-01T00:00:00Z', description: 'Records at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05-31T23:59:59Z', description: 'Records at or before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'Staff user id or API client id of the actor', example: '5b0e…' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'actor must be a user or API client id' })
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTOR_KINDS, description: 'Kind of actor' })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_KINDS)
  actorKind?: AuditActorKind;

  @ApiPropertyOptional({ example: '203.0.113.7', description: 'Client IP address (exact)' })
  @IsOptional()
  @IsIP(undefined, { message: 'ip must be an IPv4 or IPv6 address' })
  ip?: string;

  @ApiPropertyOptional({ enum: STATUS_CLASSES, description: 'Requests answered with a status of this class' })
  @IsOptional()
  @IsIn(STATUS_CLASSES)
  status?: StatusClass;

  @ApiPropertyOptional({
    example: '/operators/',
    description: 'Contained in the route template or the path (case-insensitive), 1 to 300 characters',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 300)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'route must not contain control characters' })
  route?: string;

  @ApiPropertyOptional({
    example: 'auth.*',
    description: '`request`, an event type (`operator.updated`) or a family of event types (`auth.*`)',
  })
  @IsOptional()
  @Length(1, 64)
  @Matches(AUDIT_TYPE_PATTERN, { message: 'type must be request, an event type or a family such as auth.*' })
  type?: string;

  @ApiPropertyOptional({ description: 'The request id (X-Request-Id): the request and the events it caused' })
  @IsOptional()
  @Matches(REQUEST_ID_PATTERN, { message: 'requestId must be a request id' })
  requestId?: string;

  @ApiPropertyOptional({ example: 'operator', description: 'Events about this kind of thing' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'entity must be a lower-case name such as operator' })
  entity?: string;

  @ApiPropertyOptional({ example: '012', description: 'Events about the thing with this id' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'entityId must be an id' })
  entityId?: string;
}

/** A page of the audit log: the filters, a page size and the cursor of the previous page. */
export class AuditQueryDto extends AuditFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_SIZE_MAX, default: AUDIT_PAGE_SIZE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,14}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class AuditIdParamsDto {
  @ApiProperty({ example: 1042, description: "The record's id (its position in the chain)" })
  @Type(() => Number)
  @IsInt({ message: 'id must be a record id (a positive integer)' })
  @Min(1, { message: 'id must be a record id (a positive integer)' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'id must be a record id (a positive integer)' })
  id: number;
}
