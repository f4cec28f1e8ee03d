import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull, LessThan } from 'typeorm';
import type { AuthenticatedApiClient, UserPrincipal } from '../../common/auth/principal';
import { OPERATOR_BOUND_SCOPES } from '../../common/auth/scopes';
import { Clock } from '../../common/time/clock';
import { AuthErrors } from '../auth/auth.errors';
import { sameHexDigest, sha256Hex } from '../auth/auth-crypto';
import { SecurityEventsService } from '../events/security-events.service';
import { Operator } from '../operators/entities/operator.entity';
import { ApiClientErrors } from './api-clients.errors';
import { apiKeyPrefix, generateApiKey } from './api-key';
import {
  ApiClientDto,
  CreateApiClientDto,
  CreatedApiClientDto,
  toApiClientDto,
  UpdateApiClientDto,
} from './dto/api-client.dto';
import { ApiClient } from './entities/api-client.entity';

/** `lastUsedAt` is written at most this often per client, so busy clients do not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** API clients: created and revoked by admins, authenticated by key on every request that sends `X-API-Key`. */
@Injectable()
export class ApiClientsService {
  private readonly logger = new Logger(ApiClientsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: SecurityEventsService,
  ) {}

  async list(): Promise<ApiClientDto[]> {
    const clients = await this.dataSource.getRepository(ApiClient).find({ order: { createdAt: 'DESC', id: 'ASC' } });
    return clients.map(toApiClientDto);
  }

  /** Creates the client and returns its key, which is not stored and cannot be shown again. */
  async create(dto: CreateApiClientDto, creator: UserPrincipal): Promise<CreatedApiClientDto> {
    const operatorId = dto.operatorId ?? null;
    if (dto.scopes.includes('customer-account:pii') && !dto.scopes.includes('customer-account:read')) {
      throw ApiClientErrors.piiNeedsRead();
    }
    if (dto.scopes.some((s) => OPERATOR_BOUND_SCOPES.includes(s)) && !operatorId) {
      throw ApiClientErrors.operatorRequired();
    }
    if (operatorId && !(await this.dataSource.getRepository(Operator).existsBy({ id: operatorId }))) {
      throw ApiClientErrors.unknownOperator();
    }
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) throw ApiClientErrors.expiryInPast();

    const { key, prefix } = generateApiKey();
    const client = Object.assign(new ApiClient(), {
      name: dto.name,
      keyPrefix: prefix,
      keyHash: sha256Hex(key),
      scopes: dto.scopes,
      operatorId,
      createdById: creator.user.id,
      expiresAt,
      dailyLimit: dto.dailyLimit ?? null,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: this.clock.now(),
    });
    await this.dataSource.getRepository(ApiClient).insert(client);
    this.logger.log({ apiClientId: client.id, keyPrefix: prefix }, 'Created an API client');
    const after = toApiClientDto(client);
    this.events.publish('api-client.created', creator, { entity: 'api-client', entityId: client.id }, { after });
    return { client: after, key };
  }

  /** Sets the client's daily request budget (null: the default); applies from its next request. */
  async update(id: string, dto: UpdateApiClientDto, admin: UserPrincipal): Promise<ApiClientDto> {
    const clients = this.dataSource.getRepository(ApiClient);
    const client = await clients.findOneBy({ id });
    if (!client) throw ApiClientErrors.notFound();
    const before = toApiClientDto(client);
    await clients.update({ id }, { dailyLimit: dto.dailyLimit });
    client.dailyLimit = dto.dailyLimit;
    this.logger.log({ apiClientId: id, dailyLimit: dto.dailyLimit }, 'Changed the daily limit of an API client');
    const after = toApiClientDto(client);
    if (before.dailyLimit !== after.dailyLimit) {
      this.events.publish('api-client.updated', admin, { entity: 'api-client', entityId: id }, { before, after });
    }
    return after;
  }

  /** Revokes the client (idempotent); its key stops working at once. */
  async revoke(id: string, admin: UserPrincipal): Promise<void> {
    const clients = this.dataSource.getRepository(ApiClient);
    const client = await clients.findOneBy({ id });
    if (!client) throw ApiClientErrors.notFound();
    if (!client.revokedAt) {
      const before = toApiClientDto(client);
      const revokedAt = this.clock.now();
      const revoked = await clients.update({ id, revokedAt: IsNull() }, { revokedAt });
      if (revoked.affected === 1) {
        const after = toApiClientDto(Object.assign(new ApiClient(), client, { revokedAt }));
        this.events.publish('api-client.revoked', admin, { entity: 'api-client', entityId: id }, { before, after });
      }
    }
    this.logger.log({ apiClientId: id, keyPrefix: client.keyPrefix }, 'Revoked an API client');
  }

  /** The client for a key; UNAUTHENTICATED for a malformed, unknown, revoked or expired key. */
  async authenticate(key: string): Promise<AuthenticatedApiClient> {
    const prefix = apiKeyPrefix(key);
    const client = prefix ? await this.dataSource.getRepository(ApiClient).findOneBy({ keyPrefix: prefix }) : null;
    const now = this.clock.now();
    if (
      !client ||
      !sameHexDigest(sha256Hex(key), client.keyHash) ||
      client.revokedAt ||
      (client.expiresAt && client.expiresAt.getTime() <= now.getTime())
    ) {
      throw AuthErrors.unauthenticated('The API key is not valid');
    }
    await this.touch(client, now);
    return {
      id: client.id,
      name: client.name,
      keyPrefix: client.keyPrefix,
      scopes: client.scopes,
      operatorId: client.operatorId,
      dailyLimit: client.dailyLimit,
    };
  }

  private async touch(client: ApiClient, now: Date): Promise<void> {
    if (client.lastUsedAt && now.getTime() - client.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    try {
      const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      const repository = this.dataSource.getRepository(ApiClient);
      await (client.lastUsedAt
        ? repository.update({ id: client.id, lastUsedAt: LessThan(cutoff) }, { lastUsedAt: now })
        : repository.update({ id: client.id, lastUsedAt: IsNull() }, { lastUsedAt: now }));
    } catch (err) {
      this.logger.warn(
        { err: { message: (err as Error).message }, apiClientId: client.id },
        'Could not record API key use',
      );
    }
  }
}
