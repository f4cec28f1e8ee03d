import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import type { UserRole } from '../users/entities/user.entity';
import { AuthErrors } from './auth.errors';

export const ACCESS_TOKEN_ISSUER = 'open-transport-hub';
export const ACCESS_TOKEN_AUDIENCE = 'oth-api';

/** Bound on remembered verifications; the oldest tenth goes when it is full. */
const VERIFIED_MAX_ENTRIES = 10_000;

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: UserRole;
  typ: 'access';
  iat: number;
  exp: number;
  jti: string;
}

/**
 * Short-lived access tokens: JWT, HS256 only (pinned when verifying), JWT_ACCESS_TTL seconds (≤ 15 min), claims
 * sub (user), sid (session), role, typ, jti. The role claim is informative: the guard takes the role from the
 * session check, so a role change applies at once.
 */
@Injectable()
export class AccessTokenService {
  /**
   * Tokens this process has verified, with their claims. A token is the same bytes every time a client sends it, so
   * its signature, algorithm, issuer and audience checks give the same answer each time; only expiry depends on the
   * time and is checked again on every use. Saves the HMAC and JSON parsing on the hot path of every signed-in call.
   */
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  sign(user: { id: string; role: UserRole }, sessionId: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.sign(
      { sid: sessionId, role: user.role, typ: 'access', iat },
      {
        algorithm: 'HS256',
        expiresIn: this.ttlSeconds,
        subject: user.id,
        jwtid: randomUUID(),
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      },
    );
  }

  /** The claims of a valid token; SESSION_EXPIRED when it has expired, UNAUTHENTICATED for anything else wrong. */
  verify(token: string): AccessTokenClaims {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (nowSeconds < known.exp) return known;
      this.verified.delete(token);
      throw AuthErrors.sessionExpired();
    }
    const claims = this.verifySignedToken(token, nowSeconds);
    this.remember(token, claims);
    return claims;
  }

  private verifySignedToken(token: string, nowSeconds: number): AccessTokenClaims {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: nowSeconds,
      });
    } catch (err) {
      if ((err as { name?: string }).name === 'TokenExpiredError') throw AuthErrors.sessionExpired();
      throw AuthErrors.unauthenticated('The access token is not valid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw AuthErrors.unauthenticated('The access token is not valid');
    }
    return claims as AccessTokenClaims;
  }

  private remember(token: string, claims: AccessTokenClaims): void {
    if (typeof claims.exp !== 'number') return;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) {
      let drop = Math.ceil(VERIFIED_MAX_ENTRIES / 10);
      for (const key of this.verified.keys()) {
        this.verified.delete(key);
        if (--drop === 0) break;
      }
    }
    this.verified.set(token, claims);
  }
}
