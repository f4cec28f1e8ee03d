import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import type { UserRole } from '../users/entities/user.entity';
import { AuthErrors } from './auth.errors';

export const ACCESS_TOKEN_ISSUER = 'open-transport-hub';
export const ACCESS_TOKEN_AUDIENCE = 'oth-api';

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
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
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
}
