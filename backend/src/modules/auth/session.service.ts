import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { SecurityEventsService } from '../events/security-events.service';
import { User } from '../users/entities/user.entity';
import { AuthErrors } from './auth.errors';
import { hmacHex, randomToken } from './auth-crypto';
import { RotatedRefreshToken } from './entities/rotated-refresh-token.entity';
import { Session, SessionRevokeReason } from './entities/session.entity';
import { SessionCache } from './session-cache';

/** Where a sign-in comes from (kept on the session for the user's and admins' information). */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface IssuedSession {
  session: Session;
  user: User;
  /**
   * The raw refresh token, for the cookie only; the database holds its hash. Null when a refresh did not rotate (a
   * concurrent refresh inside the reuse grace): the client already holds the current token, so no cookie is set.
   */
  refreshToken: string | null;
}

type RotationResult = { ok: IssuedSession } | { reused: string } | { invalid: true };

export function toAuthenticatedUser(user: User): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    operatorId: user.operatorId,
    status: user.status,
  };
}

/**
 * Sessions of staff users: creation at sign-in, refresh-token rotation with reuse detection, revocation, and the
 * per-request check the auth guard relies on (database by primary key, Redis in front when configured).
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly cache: SessionCache,
    private readonly clock: Clock,
    private readonly events: SecurityEventsService,
  ) {}

  async create(
    user: User,
    client: ClientInfo,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IssuedSession> {
    const now = this.clock.now();
    const { sessionIdleTtlSeconds, sessionAbsoluteTtlSeconds } = this.config.auth;
    const refreshToken = randomToken();
    const session = Object.assign(new Session(), {
      userId: user.id,
      refreshTokenHash: this.hash(refreshToken),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + sessionIdleTtlSeconds * 1000),
      absoluteExpiresAt: new Date(now.getTime() + sessionAbsoluteTtlSeconds * 1000),
      revokedAt: null,
      revokeReason: null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip.slice(0, 45),
    });
    await manager.getRepository(Session).insert(session);
    return { session, user, refreshToken };
  }

  /**
   * Exchanges a refresh token for a new one. An unknown, expired or revoked one gives REFRESH_TOKEN_INVALID. One that
   * was already rotated away revokes the whole session and gives REFRESH_TOKEN_REUSED (a copy is in use) — except a
   * concurrent refresh (see `resolveRotated`), which gets the session without a new token.
   */
  async rotate(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken || refreshToken.length > 100) throw AuthErrors.refreshTokenInvalid();
    const presented = this.hash(refreshToken);
    const result = await this.rotateInTransaction(presented);
    if ('ok' in result) {
      if (result.ok.refreshToken === null) {
        this.logger.log({ sessionId: result.ok.session.id }, 'Concurrent refresh inside the reuse grace: not rotated');
      }
      return result.ok;
    }
    if ('reused' in result) {
      // Outside the transaction, which only read: the revocation must stick.
      await this.revoke(result.reused, 'refresh-token-reused');
      this.logger.warn({ sessionId: result.reused }, 'Rotated refresh token presented again: session revoked');
      const session = await this.dataSource
        .getRepository(Session)
        .findOne({ select: { id: true, userId: true }, where: { id: result.reused } });
      this.events.publish(
        'auth.refresh-token-reused',
        null,
        { entity: 'user', entityId: session?.userId ?? null },
        { details: { sessionId: result.reused } },
      );
      throw AuthErrors.refreshTokenReused();
    }
    throw AuthErrors.refreshTokenInvalid();
  }

  /**
   * Two tabs refreshing together is the normal case this must survive. PostgreSQL runs the two transactions side by
   * side: the conditional UPDATE's row lock orders them. On SQLite the connection gate (database/sqlite-gate.ts) runs
   * them one after the other.
   */
  private rotateInTransaction(presented: string): Promise<RotationResult> {
    return this.dataSource.transaction(async (manager): Promise<RotationResult> => {
      const session = await manager.getRepository(Session).findOne({
        where: { refreshTokenHash: presented },
        relations: { user: true },
      });
      if (!session) return this.resolveRotated(manager, presented);
      const now = this.clock.now();
      if (!this.isLive(session, now) || session.user?.status !== 'active') return { invalid: true };

      const refreshed = randomToken();
      const expiresAt = new Date(
        Math.min(now.getTime() + this.config.auth.sessionIdleTtlSeconds * 1000, session.absoluteExpiresAt.getTime()),
      );
      const swapped = await manager
        .getRepository(Session)
        .update(
          { id: session.id, refreshTokenHash: presented, revokedAt: IsNull() },
          { refreshTokenHash: this.hash(refreshed), lastUsedAt: now, expiresAt },
        );
      // Another request rotated the same token a moment ago (its commit is visible now), or revoked the session.
      if (swapped.affected !== 1) return this.resolveRotated(manager, presented, session.id);
      await manager
        .getRepository(RotatedRefreshToken)
        .insert({ sessionId: session.id, tokenHash: presented, rotatedAt: now });
      Object.assign(session, { lastUsedAt: now, expiresAt });
      return { ok: { session, user: session.user, refreshToken: refreshed } };
    });
  }

  /**
   * The presented token is no longer a session's current one. Two tabs share one cookie jar: when both refresh at
   * once, the second request arrives with the token the first has just rotated. So a token that was rotated less than
   * REFRESH_REUSE_GRACE_SECONDS ago AND is the immediate predecessor of its live session's current token is answered
   * with that session, without rotating again and without a cookie: the browser already holds the current token, and
   * the chain of refresh tokens stays single (a copy of the old token never yields a refresh token). Anything else —
   * an older generation, outside the window, a dead session — is reuse.
   */
  private async resolveRotated(
    manager: EntityManager,
    presented: string,
    raceSessionId?: string,
  ): Promise<RotationResult> {
    const history = manager.getRepository(RotatedRefreshToken);
    const rotated = await history.findOneBy({ tokenHash: presented });
    // Not in the history although a live row held it a moment ago: the session was revoked meanwhile.
    if (!rotated) return raceSessionId ? { reused: raceSessionId } : { invalid: true };

    const now = this.clock.now();
    const graceMs = this.config.auth.refreshReuseGraceSeconds * 1000;
    if (graceMs === 0 || now.getTime() - rotated.rotatedAt.getTime() >= graceMs) return { reused: rotated.sessionId };
    // Rotations of one session are serialised by the conditional update, so the highest id is the latest one.
    const latest = await history.findOne({
      select: { id: true },
      where: { sessionId: rotated.sessionId },
      order: { id: 'DESC' },
    });
    if (latest?.id !== rotated.id) return { reused: rotated.sessionId };
    const session = await manager
      .getRepository(Session)
      .findOne({ where: { id: rotated.sessionId }, relations: { user: true } });
    if (!session?.user || !this.isLive(session, now) || session.user.status !== 'active') {
      return { reused: rotated.sessionId };
    }
    return { ok: { session, user: session.user, refreshToken: null } };
  }

  async revoke(sessionId: string, reason: SessionRevokeReason): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: reason });
    await this.cache.markRevoked([sessionId]);
  }

  /** Revokes every live session of a user (but `exceptSessionId`); returns how many. */
  async revokeAllForUser(
    userId: string,
    reason: SessionRevokeReason,
    options: { exceptSessionId?: string; manager?: EntityManager } = {},
  ): Promise<number> {
    const repository = (options.manager ?? this.dataSource.manager).getRepository(Session);
    const sessions = await repository.find({
      select: { id: true },
      where: { userId, revokedAt: IsNull(), ...(options.exceptSessionId && { id: Not(options.exceptSessionId) }) },
    });
    const ids = sessions.map((s) => s.id);
    if (ids.length === 0) return 0;
    await repository.update(
      { id: In(ids), revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokeReason: reason },
    );
    await this.cache.markRevoked(ids);
    return ids.length;
  }

  /** After a change of the user's role, binding or name: cached snapshots are dropped. */
  async userChanged(userId: string): Promise<void> {
    if (!this.cache.enabled) return;
    const sessions = await this.dataSource
      .getRepository(Session)
      .find({ select: { id: true }, where: { userId, revokedAt: IsNull() } });
    await this.cache.forget(sessions.map((s) => s.id));
  }

  /**
   * The per-request check: the session exists, belongs to the token's user, is neither revoked nor expired, and its
   * user is active. Returns the user as stored now (role changes apply at once); SESSION_EXPIRED otherwise.
   */
  async authenticate(sessionId: string, userId: string): Promise<AuthenticatedUser> {
    const cached = await this.cache.get(sessionId);
    if (cached?.state === 'revoked') throw AuthErrors.sessionExpired();
    if (cached?.state === 'valid' && cached.user.id === userId) return cached.user;
    const epoch = this.cache.epoch;

    // One joined SELECT through the query builder: a third of findOne-with-relations' cost on this hot path.
    const session = await this.dataSource
      .getRepository(Session)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.id = :sessionId', { sessionId })
      .getOne();
    const now = this.clock.now();
    if (!session || session.userId !== userId || !session.user) throw AuthErrors.sessionExpired();
    if (!this.isLive(session, now) || session.user.status !== 'active') {
      if (session.revokedAt) await this.cache.markRevoked([session.id]);
      throw AuthErrors.sessionExpired();
    }
    const user = toAuthenticatedUser(session.user);
    const endsAt = Math.min(session.expiresAt.getTime(), session.absoluteExpiresAt.getTime());
    await this.cache.rememberValid(session.id, user, endsAt, epoch);
    return user;
  }

  private isLive(session: Session, now: Date): boolean {
    return (
      session.revokedAt === null &&
      session.expiresAt.getTime() > now.getTime() &&
      session.absoluteExpiresAt.getTime() > now.getTime()
    );
  }

  private hash(refreshToken: string): string {
    return hmacHex(this.config.jwt.refreshSecret, refreshToken);
  }
}
