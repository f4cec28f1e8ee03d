import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { AuthenticatedUser } from '../../common/auth/principal';
import { AppConfigService } from '../../config/app-config.service';

/** What the cache may say about a session: revoked, valid for this user, or nothing (ask the database). */
export type CachedSessionState = { state: 'revoked' } | { state: 'valid'; user: AuthenticatedUser } | undefined;

const REVOKED = 'revoked';

/**
 * Redis cache of session state in front of the database, when REDIS_URL is set (otherwise every call is a no-op and
 * the guard reads the database on every request).
 *
 * Why a revocation is never missed: a revocation is first committed to the database, then written through as a
 * `revoked` entry that outlives any access token of the session. "Valid" entries live SESSION_CACHE_TTL seconds and
 * are written with NX, so a check that read the database just before a revocation cannot overwrite the `revoked`
 * entry written just after. If Redis cannot be written during a revocation, the stale "valid" entry expires within
 * SESSION_CACHE_TTL seconds; if Redis cannot be read, the database decides. Redis errors never fail a request.
 */
@Injectable()
export class SessionCache implements OnModuleDestroy {
  private readonly logger = new Logger(SessionCache.name);
  private readonly redis?: Redis;
  private readonly validTtl: number;
  private readonly revokedTtl: number;

  constructor(config: AppConfigService) {
    this.validTtl = config.auth.sessionCacheTtlSeconds;
    this.revokedTtl = config.jwt.accessTtlSeconds + 60;
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        // Fail fast when Redis is away: the database answers instead.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 500,
        keyPrefix: 'oth:session:',
      });
      this.redis.on('error', (err: Error) => this.logger.warn({ err: { message: err.message } }, 'Redis error'));
    }
  }

  get enabled(): boolean {
    return this.redis !== undefined;
  }

  async get(sessionId: string): Promise<CachedSessionState> {
    if (!this.redis) return undefined;
    try {
      const value = await this.redis.get(sessionId);
      if (value === null) return undefined;
      if (value === REVOKED) return { state: 'revoked' };
      return { state: 'valid', user: JSON.parse(value) as AuthenticatedUser };
    } catch (err) {
      this.warn('read', err);
      return undefined;
    }
  }

  /** Remembers a session the database found valid, unless a revocation got there first (NX). */
  async rememberValid(sessionId: string, user: AuthenticatedUser): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.set(sessionId, JSON.stringify(user), 'EX', this.validTtl, 'NX');
    } catch (err) {
      this.warn('write', err);
    }
  }

  /** Write-through of revocations already committed to the database. */
  async markRevoked(sessionIds: readonly string[]): Promise<void> {
    if (!this.redis || sessionIds.length === 0) return;
    try {
      const batch = this.redis.multi();
      for (const id of sessionIds) batch.set(id, REVOKED, 'EX', this.revokedTtl);
      await batch.exec();
    } catch (err) {
      this.warn('revocation write', err);
    }
  }

  /** Drops cached "valid" entries whose user data changed (role, name); a racing refill lives SESSION_CACHE_TTL. */
  async forget(sessionIds: readonly string[]): Promise<void> {
    if (!this.redis || sessionIds.length === 0) return;
    try {
      // Only "valid" entries: a `revoked` entry must stay.
      for (const id of sessionIds) {
        const value = await this.redis.get(id);
        if (value !== null && value !== REVOKED) await this.redis.del(id);
      }
    } catch (err) {
      this.warn('invalidation', err);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private warn(what: string, err: unknown): void {
    this.logger.warn(
      { err: { message: err instanceof Error ? err.message : String(err) } },
      `Redis session cache ${what} failed`,
    );
  }
}
