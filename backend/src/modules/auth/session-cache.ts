import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';

/** What the cache may say about a session: revoked, valid for this user, or nothing (ask the database). */
export type CachedSessionState = { state: 'revoked' } | { state: 'valid'; user: AuthenticatedUser } | undefined;

const REVOKED = 'revoked';
/** Pub/sub channel on which every instance announces revocations and user changes (session ids, JSON). */
export const SESSION_INVALIDATION_CHANNEL = 'oth:session-invalidations';
/** Bound on the in-process tier; the oldest entries go first when it is full. */
const LOCAL_MAX_ENTRIES = 50_000;
/** How long a revocation waits, at most, for its own announcement to come back through Redis. */
const ANNOUNCE_WAIT_MS = 250;

interface LocalEntry {
  /** The user when valid; null for a revoked session. */
  user: AuthenticatedUser | null;
  /** Clock time (ms) after which the entry is not used. */
  until: number;
}

interface StoredValid {
  user: AuthenticatedUser;
  /** Clock time (ms) until which this answer may be used (also bounds the in-process copy). */
  until: number;
}

/**
 * Cache of session state in front of the database: with REDIS_URL, shared by every instance (below); without Redis on
 * SQLite, in this process only; without Redis on PostgreSQL, none (every call is a no-op and the guard reads the
 * database on every request, which is correct with any number of instances).
 *
 * **SQLite without Redis**: the in-process tier alone. A revocation or user change made by this process drops its
 * entry at once. One made by another process on the same file (SQLite serves one instance, but nothing stops a
 * second process) is seen through SQLite's `data_version`, which moves when another connection commits: every
 * lookup reads it (one call into SQLite, no I/O) and empties the tier when it moved. Other connections commit
 * often (the audit writer thread's, every second or so), so a session is checked in the database about once a second
 * while in use; still far fewer checks than one per request. The rules below hold as well (an answer read before an
 * invalidation is not kept; a valid answer is used at most SESSION_CACHE_TTL seconds and never beyond the session's
 * end).
 *
 * Two tiers. Redis holds `valid` answers for SESSION_CACHE_TTL seconds and `revoked` markers that outlive any access
 * token of the session. Each instance keeps an in-process copy of what it read, so a signed-in request usually costs
 * no I/O at all.
 *
 * Why a revocation is never missed:
 * - a revocation is first committed to the database, then written through to Redis as a `revoked` entry and
 *   published on SESSION_INVALIDATION_CHANNEL; every instance (this one synchronously, the others on the message)
 *   drops its in-process copy. The revoking call returns once its own announcement has come back through Redis,
 *   which Redis sends to every subscriber in turn: the other instances have it within milliseconds;
 * - `valid` entries are written with NX, so a check that read the database just before a revocation cannot overwrite
 *   the `revoked` entry written just after; in process, a check that started before an invalidation does not store
 *   its answer (the invalidation epoch moved);
 * - while the subscription is down (Redis restarting), the in-process tier is emptied and not used, so nothing stale
 *   is served for lack of a message;
 * - a `valid` answer is never used beyond the session's own end, nor beyond SESSION_CACHE_TTL, which bounds how stale
 *   a role or name change can be if its invalidation is lost.
 * Redis errors never fail a request: the database answers instead.
 */
@Injectable()
export class SessionCache implements OnModuleDestroy {
  private readonly logger = new Logger(SessionCache.name);
  private readonly redis?: Redis;
  private readonly subscriber?: Redis;
  private readonly validTtlMs: number;
  private readonly revokedTtl: number;
  private readonly local = new Map<string, LocalEntry>();
  /** Whether the subscription is live, so that in-process entries can be trusted. */
  private subscribed = false;
  /** Moves on every invalidation seen by this instance; see `epoch`. */
  private invalidations = 0;
  /** Announcements of this instance on their way through Redis, by nonce. */
  private readonly announced = new Map<string, () => void>();
  /** SQLite without Redis: the in-process tier alone, emptied when another connection committed. */
  private readonly processOnly: boolean;
  private dataVersion: (() => unknown) | null = null;
  private lastDataVersion: unknown = undefined;

  constructor(
    config: AppConfigService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.validTtlMs = config.auth.sessionCacheTtlSeconds * 1000;
    this.revokedTtl = config.jwt.accessTtlSeconds + 60;
    this.processOnly = !config.redisUrl && config.database.type === 'sqlite';
    // Nothing to miss: every invalidation is this process's own.
    if (this.processOnly) this.subscribed = true;
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        // Fail fast when Redis is away: the database answers instead.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 500,
        keyPrefix: 'oth:session:',
      });
      this.redis.on('error', (err: Error) => this.logger.warn({ err: { message: err.message } }, 'Redis error'));
      this.subscriber = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
      this.subscriber.on('error', (err: Error) =>
        this.logger.warn({ err: { message: err.message } }, 'Redis subscriber error'),
      );
      this.subscriber.on('ready', () => void this.subscribe());
      this.subscriber.on('close', () => this.unsubscribed());
      this.subscriber.on('message', (_channel: string, message: string) => this.onInvalidation(message));
    }
  }

  get enabled(): boolean {
    return this.redis !== undefined || this.processOnly;
  }

  /**
   * A counter that moves whenever a session is invalidated in this process. Read it before a database check and
   * hand it to `rememberValid`: an answer read before an invalidation is then not kept.
   */
  get epoch(): number {
    return this.invalidations;
  }

  async get(sessionId: string): Promise<CachedSessionState> {
    if (!this.redis && !this.processOnly) return undefined;
    if (this.processOnly) this.seeOtherConnections();
    const now = this.clock.now().getTime();
    const local = this.subscribed ? this.local.get(sessionId) : undefined;
    if (local && local.until > now) return local.user ? { state: 'valid', user: local.user } : { state: 'revoked' };
    if (!this.redis) return undefined;
    const epoch = this.invalidations;
    try {
      const value = await this.redis.get(sessionId);
      if (value === null) return undefined;
      if (value === REVOKED) {
        this.keepLocal(sessionId, { user: null, until: now + this.revokedTtl * 1000 }, epoch);
        return { state: 'revoked' };
      }
      const stored = parseValid(value);
      if (!stored || stored.until <= now) return undefined;
      this.keepLocal(sessionId, stored, epoch);
      return { state: 'valid', user: stored.user };
    } catch (err) {
      this.warn('read', err);
      return undefined;
    }
  }

  /**
   * Remembers a session the database found valid, unless a revocation got there first (NX in Redis; the epoch in
   * process). `sessionEndsAt` (ms) caps how long the answer is used.
   */
  async rememberValid(sessionId: string, user: AuthenticatedUser, sessionEndsAt: number, epoch: number): Promise<void> {
    if (!this.redis && !this.processOnly) return;
    const until = Math.min(this.clock.now().getTime() + this.validTtlMs, sessionEndsAt);
    const ttlMs = until - this.clock.now().getTime();
    if (ttlMs <= 0) return;
    if (!this.redis) {
      this.keepLocal(sessionId, { user, until }, epoch);
      return;
    }
    try {
      const stored: StoredValid = { user, until };
      const written = await this.redis.set(sessionId, JSON.stringify(stored), 'PX', ttlMs, 'NX');
      if (written === 'OK') this.keepLocal(sessionId, stored, epoch);
    } catch (err) {
      this.warn('write', err);
    }
  }

  /** Write-through of revocations already committed to the database, announced to every instance. */
  async markRevoked(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    if (this.processOnly) this.invalidateLocally(sessionIds, true);
    if (!this.redis) return;
    this.invalidateLocally(sessionIds, true);
    try {
      const batch = this.redis.multi();
      for (const id of sessionIds) batch.set(id, REVOKED, 'EX', this.revokedTtl);
      await batch.exec();
      await this.publish({ revoked: sessionIds });
    } catch (err) {
      this.warn('revocation write', err);
    }
  }

  /** Drops cached "valid" entries whose user data changed (role, name, operator). */
  async forget(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    if (this.processOnly) this.invalidateLocally(sessionIds, false);
    if (!this.redis) return;
    this.invalidateLocally(sessionIds, false);
    try {
      // Only "valid" entries: a `revoked` entry must stay.
      for (const id of sessionIds) {
        const value = await this.redis.get(id);
        if (value !== null && value !== REVOKED) await this.redis.del(id);
      }
      await this.publish({ changed: sessionIds });
    } catch (err) {
      this.warn('invalidation', err);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [this.subscriber, this.redis]) {
      if (!client) continue;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    }
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber!.subscribe(SESSION_INVALIDATION_CHANNEL);
      // Whatever was missed while unsubscribed is gone with the entries cleared then.
      this.local.clear();
      this.subscribed = true;
    } catch (err) {
      this.warn('subscription', err);
    }
  }

  private unsubscribed(): void {
    this.subscribed = false;
    this.local.clear();
    this.invalidations++;
  }

  private async publish(message: { revoked?: readonly string[]; changed?: readonly string[] }): Promise<void> {
    const nonce = randomUUID();
    const echoed = new Promise<void>((resolve) => {
      this.announced.set(nonce, resolve);
      setTimeout(resolve, ANNOUNCE_WAIT_MS).unref();
    });
    try {
      await this.redis!.publish(SESSION_INVALIDATION_CHANNEL, JSON.stringify({ ...message, nonce }));
      if (this.subscribed) await echoed;
    } finally {
      this.announced.delete(nonce);
    }
  }

  private onInvalidation(message: string): void {
    try {
      const parsed = JSON.parse(message) as { revoked?: unknown; changed?: unknown; nonce?: unknown };
      if (Array.isArray(parsed.revoked)) this.invalidateLocally(parsed.revoked.filter(isString), true);
      if (Array.isArray(parsed.changed)) this.invalidateLocally(parsed.changed.filter(isString), false);
      if (typeof parsed.nonce === 'string') this.announced.get(parsed.nonce)?.();
    } catch {
      // Not ours or garbled: forget everything rather than trust it.
      this.local.clear();
      this.invalidations++;
    }
  }

  private invalidateLocally(sessionIds: readonly string[], revoked: boolean): void {
    this.invalidations++;
    const until = this.clock.now().getTime() + this.revokedTtl * 1000;
    for (const id of sessionIds) {
      if (revoked) this.setLocal(id, { user: null, until });
      else if (this.local.get(id)?.user) this.local.delete(id);
    }
  }

  /**
   * SQLite: empties the in-process tier when another connection committed since the last look (`PRAGMA data_version`
   * on the app's connection). Without a readable connection, nothing is kept.
   */
  private seeOtherConnections(): void {
    if (!this.dataVersion) {
      const connection = (this.dataSource.driver as { databaseConnection?: SqliteConnection }).databaseConnection;
      if (!connection) {
        this.local.clear();
        this.invalidations++;
        return;
      }
      const statement = connection.prepare('PRAGMA data_version').pluck();
      this.dataVersion = () => statement.get();
    }
    const version = this.dataVersion();
    if (version === this.lastDataVersion) return;
    this.lastDataVersion = version;
    this.local.clear();
    this.invalidations++;
  }

  private keepLocal(sessionId: string, entry: LocalEntry, epoch: number): void {
    if (!this.subscribed || epoch !== this.invalidations) return;
    const current = this.local.get(sessionId);
    if (current && current.user === null && entry.user !== null) return;
    this.setLocal(sessionId, entry);
  }

  private setLocal(sessionId: string, entry: LocalEntry): void {
    this.local.delete(sessionId);
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest tenth at once rather than one per insert.
      let drop = Math.ceil(LOCAL_MAX_ENTRIES / 10);
      for (const key of this.local.keys()) {
        this.local.delete(key);
        if (--drop === 0) break;
      }
    }
    this.local.set(sessionId, entry);
  }

  private warn(what: string, err: unknown): void {
    this.logger.warn(
      { err: { message: err instanceof Error ? err.message : String(err) } },
      `Redis session cache ${what} failed`,
    );
  }
}

/** The part of better-sqlite3's Database the cache reads. */
interface SqliteConnection {
  prepare(sql: string): { pluck(): { get(): unknown } };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function parseValid(value: string): StoredValid | undefined {
  try {
    const parsed = JSON.parse(value) as Partial<StoredValid>;
    if (parsed && typeof parsed.until === 'number' && parsed.user && typeof parsed.user.id === 'string') {
      return parsed as StoredValid;
    }
  } catch {
    // An entry in an older shape: ask the database.
  }
  return undefined;
}
