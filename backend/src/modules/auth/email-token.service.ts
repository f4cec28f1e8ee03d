import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AuthErrors } from './auth.errors';
import { randomToken, sha256Hex } from './auth-crypto';
import { EmailToken, EmailTokenPurpose } from './entities/email-token.entity';

const HOUR = 3600 * 1000;

/** How long an emailed link works, per purpose (issue #3). */
export const EMAIL_TOKEN_TTL_MS: Readonly<Record<EmailTokenPurpose, number>> = {
  'verify-email': 24 * HOUR,
  invitation: 72 * HOUR,
  'password-reset': HOUR / 2,
};

/**
 * One-time tokens for emailed links: 256 random bits, stored only as a SHA-256 hash, bound to one purpose, usable
 * once, expiring. Both methods run in the caller's transaction, so a token is only spent when its effect is stored.
 */
@Injectable()
export class EmailTokenService {
  constructor(private readonly clock: Clock) {}

  /** Creates a token for the user and purpose; returns the raw token (for the link), which is never stored. */
  async issue(manager: EntityManager, userId: string, purpose: EmailTokenPurpose): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await manager.getRepository(EmailToken).insert(
      Object.assign(new EmailToken(), {
        userId,
        purpose,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]),
        usedAt: null,
        createdAt: now,
      }),
    );
    return token;
  }

  /**
   * Spends a token and returns its user id. TOKEN_INVALID when unknown or made for another purpose, TOKEN_USED
   * when already spent (also when a concurrent request spent it a moment ago), TOKEN_EXPIRED when too old.
   */
  async consume(manager: EntityManager, token: string, purpose: EmailTokenPurpose): Promise<string> {
    const tokens = manager.getRepository(EmailToken);
    const found = await tokens.findOneBy({ tokenHash: sha256Hex(token) });
    if (!found || found.purpose !== purpose) throw AuthErrors.tokenInvalid();
    if (found.usedAt) throw AuthErrors.tokenUsed();
    const now = this.clock.now();
    if (found.expiresAt.getTime() <= now.getTime()) throw AuthErrors.tokenExpired();
    const spent = await tokens.update({ id: found.id, usedAt: IsNull() }, { usedAt: now });
    if (spent.affected !== 1) throw AuthErrors.tokenUsed();
    return found.userId;
  }
}
