import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { UserPrincipal } from '../../common/auth/principal';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { Clock } from '../../common/time/clock';
import { SecurityEventsService } from '../events/security-events.service';
import { toUserDto, UserDto } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { AccessTokenService } from './access-token.service';
import { AuthMailService } from './auth-mail.service';
import { normalizeEmail, sha256Hex } from './auth-crypto';
import { AuthErrors } from './auth.errors';
import {
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  RegisterDto,
  TokenAndPasswordDto,
  UpdateMeDto,
} from './dto/auth-requests.dto';
import { MessageDto, SessionDto } from './dto/auth-responses.dto';
import { EmailTokenPurpose } from './entities/email-token.entity';
import { EmailTokenService } from './email-token.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { ClientInfo, IssuedSession, SessionService } from './session.service';

/**
 * A session for the controller: the body, and the refresh token with its expiry for the cookie — null when the cookie
 * the client holds stays as it is (a concurrent refresh inside the reuse grace, see SessionService.rotate).
 */
export interface SignedInSession {
  body: SessionDto;
  refresh: { token: string; expiresAt: Date } | null;
}

export const REGISTER_MESSAGE =
  'Thank you. If the address can be used, we have sent an email to it: follow its link to finish signing up.';
export const FORGOT_PASSWORD_MESSAGE =
  'If an account uses this address, we have sent it an email with a link to choose a new password.';

/**
 * Self-service account flows and sessions: registration and verification, sign-in with brute-force limits,
 * refresh, sign-out, profile, password change, forgotten password and invitations.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: EmailTokenService,
    private readonly sessions: SessionService,
    private readonly accessTokens: AccessTokenService,
    private readonly throttle: LoginThrottleService,
    private readonly mail: AuthMailService,
    private readonly clock: Clock,
    private readonly events: SecurityEventsService,
  ) {}

  /**
   * Creates an unverified viewer and emails a verification link. The answer (and, as far as possible, the time
   * taken: the password is hashed either way) is the same when the email already has an account; its owner then
   * gets a note, or a fresh verification link if the account was never verified.
   */
  async register(dto: RegisterDto): Promise<MessageDto> {
    this.passwords.assertAcceptable(dto.password);
    const passwordHash = await this.passwords.hash(dto.password);
    const registered: User[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        const users = manager.getRepository(User);
        const existing = await users.findOneBy({ email: dto.email });
        if (!existing) {
          const user = Object.assign(new User(), {
            id: randomUUID(),
            email: dto.email,
            displayName: dto.displayName,
            passwordHash,
            role: 'viewer' as const,
            operatorId: null,
            status: 'active' as const,
            verifiedAt: null,
            lastLoginAt: null,
          });
          await users.insert(user);
          await this.mail.sendVerification(user, await this.tokens.issue(manager, user.id, 'verify-email'), manager);
          this.logger.log({ userId: user.id }, 'Registered a new user');
          registered.push(await users.findOneByOrFail({ id: user.id }));
        } else if (existing.status === 'active' && !existing.verifiedAt && existing.passwordHash) {
          await this.mail.sendVerification(
            existing,
            await this.tokens.issue(manager, existing.id, 'verify-email'),
            manager,
          );
        } else if (existing.status === 'active') {
          await this.mail.sendAccountExists(existing, manager);
        }
      });
    } catch (error) {
      // Two registrations of one email at once: the other one won; the answer stays the same.
      if (!isUniqueViolation(error)) throw error;
    }
    for (const user of registered) {
      this.events.publish('auth.registered', null, { entity: 'user', entityId: user.id }, { after: toUserDto(user) });
    }
    return { message: REGISTER_MESSAGE };
  }

  async verifyEmail(token: string): Promise<MessageDto> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const id = await this.tokens.consume(manager, token, 'verify-email');
      await this.markVerified(manager, id);
      return id;
    });
    this.events.publish('auth.email-verified', null, { entity: 'user', entityId: userId });
    return { message: 'Your email address is verified. You can sign in now.' };
  }

  async login(dto: LoginDto, client: ClientInfo): Promise<SignedInSession> {
    await this.throttle.assertAllowed(dto.email, client.ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ email: dto.email });
    const passwordOk = await this.passwords.verify(dto.password, user?.passwordHash);
    if (!user || !passwordOk) return this.failLogin(dto.email, client.ip, user);

    if (user.status !== 'active') {
      this.loginRefused('auth.login-failed', dto.email, user, { reason: 'account-disabled' });
      throw AuthErrors.accountDisabled();
    }
    if (!user.verifiedAt) {
      this.loginRefused('auth.login-failed', dto.email, user, { reason: 'email-not-verified' });
      throw AuthErrors.emailNotVerified();
    }
    await this.throttle.reset(dto.email);

    const issued = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.getRepository(User).update({ id: user.id }, { lastLoginAt: now });
      user.lastLoginAt = now;
      return this.sessions.create(user, client, manager);
    });
    this.logger.log({ userId: user.id, sessionId: issued.session.id }, 'Signed in');
    this.events.publish(
      'auth.login-succeeded',
      { kind: 'user', id: user.id, role: user.role },
      { entity: 'user', entityId: user.id },
      { details: { sessionId: issued.session.id } },
    );
    return this.signedIn(issued);
  }

  async refresh(refreshToken: string | undefined): Promise<SignedInSession> {
    return this.signedIn(await this.sessions.rotate(refreshToken));
  }

  async logout(principal: UserPrincipal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout');
    this.events.publish(
      'auth.logout',
      principal,
      { entity: 'user', entityId: principal.user.id },
      { details: { sessionId: principal.sessionId } },
    );
  }

  async logoutAll(principal: UserPrincipal): Promise<void> {
    const ended = await this.sessions.revokeAllForUser(principal.user.id, 'logout-all');
    this.events.publish(
      'auth.logout-all',
      principal,
      { entity: 'user', entityId: principal.user.id },
      { details: { sessionsEnded: ended } },
    );
  }

  async me(principal: UserPrincipal): Promise<UserDto> {
    return toUserDto(await this.loadUser(principal));
  }

  async updateMe(principal: UserPrincipal, dto: UpdateMeDto): Promise<UserDto> {
    const user = await this.loadUser(principal);
    const before = toUserDto(user);
    user.displayName = dto.displayName;
    await this.dataSource.getRepository(User).update({ id: user.id }, { displayName: dto.displayName });
    await this.sessions.userChanged(user.id);
    const after = toUserDto(user);
    if (before.displayName !== after.displayName) {
      this.events.publish('user.updated', principal, { entity: 'user', entityId: user.id }, { before, after });
    }
    return after;
  }

  /** Needs the current password; the other sessions of the user end, this one stays. */
  async changePassword(principal: UserPrincipal, dto: ChangePasswordDto): Promise<void> {
    const user = await this.loadUser(principal);
    if (!(await this.passwords.verify(dto.currentPassword, user.passwordHash))) {
      throw AuthErrors.currentPasswordWrong();
    }
    this.passwords.assertAcceptable(dto.newPassword);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.getRepository(User).update({ id: user.id }, { passwordHash });
    const ended = await this.sessions.revokeAllForUser(user.id, 'password-changed', {
      exceptSessionId: principal.sessionId,
    });
    this.events.publish(
      'auth.password-changed',
      principal,
      { entity: 'user', entityId: user.id },
      { details: { otherSessionsEnded: ended } },
    );
  }

  /** Always the same answer; only an active account gets a reset link. */
  async forgotPassword(dto: ForgotPasswordDto): Promise<MessageDto> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: dto.email });
    if (user?.status === 'active') {
      await this.dataSource.transaction(async (manager) => {
        await this.mail.sendPasswordReset(user, await this.tokens.issue(manager, user.id, 'password-reset'), manager);
      });
    }
    return { message: FORGOT_PASSWORD_MESSAGE };
  }

  /** Sets the new password and ends every session of the user. The link also proves the email address. */
  async resetPassword(dto: TokenAndPasswordDto): Promise<void> {
    await this.setPasswordWithToken(dto, 'password-reset');
  }

  /** The invitee chooses a password; the emailed link proves the address, so the account is verified too. */
  async acceptInvitation(dto: TokenAndPasswordDto): Promise<void> {
    await this.setPasswordWithToken(dto, 'invitation');
  }

  private async setPasswordWithToken(dto: TokenAndPasswordDto, purpose: EmailTokenPurpose): Promise<void> {
    this.passwords.assertAcceptable(dto.password);
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(manager, dto.token, purpose);
      const found = await manager.getRepository(User).findOneBy({ id: userId });
      if (!found) throw AuthErrors.tokenInvalid();
      if (found.status !== 'active') throw AuthErrors.accountDisabled();
      await manager.getRepository(User).update({ id: userId }, { passwordHash });
      await this.markVerified(manager, userId);
      return found;
    });
    const ended = await this.sessions.revokeAllForUser(user.id, 'password-reset');
    await this.throttle.reset(user.email);
    this.events.publish(
      purpose === 'invitation' ? 'auth.invitation-accepted' : 'auth.password-reset',
      null,
      { entity: 'user', entityId: user.id },
      { details: { sessionsEnded: ended } },
    );
  }

  private async markVerified(manager: EntityManager, userId: string): Promise<void> {
    const users = manager.getRepository(User);
    const user = await users.findOneBy({ id: userId });
    if (user && !user.verifiedAt) await users.update({ id: userId }, { verifiedAt: this.clock.now() });
  }

  private async failLogin(email: string, ip: string, user: User | null): Promise<never> {
    const outcome = await this.throttle.recordFailure(email, ip);
    this.loginRefused('auth.login-failed', email, user, { reason: 'invalid-credentials' });
    if (outcome.emailLockedNow) {
      this.loginRefused('auth.login-locked', email, user, { lockSeconds: this.throttle.lockSecondsFor('email') });
    }
    if (outcome.ipBlockedNow) {
      this.loginRefused('auth.login-ip-blocked', email, user, { ip, lockSeconds: this.throttle.lockSecondsFor('ip') });
    }
    if (outcome.emailLockedNow) {
      const lockSeconds = this.throttle.lockSecondsFor('email');
      if (user?.status === 'active') await this.mail.sendAccountLocked(user, Math.ceil(lockSeconds / 60));
      this.logger.warn({ userId: user?.id }, 'Sign-in locked after repeated failures');
      throw AuthErrors.accountLocked(lockSeconds);
    }
    if (outcome.ipBlockedNow) {
      this.logger.warn({ ip }, 'Sign-in blocked for an IP address after repeated failures');
      throw AuthErrors.tooManyAttempts(this.throttle.lockSecondsFor('ip'));
    }
    throw AuthErrors.invalidCredentials();
  }

  /**
   * A refused sign-in for the audit log: anonymous (nobody is signed in), about the account when there is one; the
   * email only as its SHA-256 (the login throttle's key), so attempts on one address can be told apart without it.
   */
  private loginRefused(
    type: 'auth.login-failed' | 'auth.login-locked' | 'auth.login-ip-blocked',
    email: string,
    user: User | null,
    details: Record<string, unknown>,
  ): void {
    this.events.publish(
      type,
      null,
      { entity: 'user', entityId: user?.id ?? null },
      { details: { emailSha256: sha256Hex(normalizeEmail(email)), ...details } },
    );
  }

  private async loadUser(principal: UserPrincipal): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: principal.user.id });
    if (!user) throw AuthErrors.sessionExpired();
    return user;
  }

  private signedIn(issued: IssuedSession): SignedInSession {
    return {
      body: {
        accessToken: this.accessTokens.sign(issued.user, issued.session.id),
        expiresIn: this.accessTokens.ttlSeconds,
        user: toUserDto(issued.user),
      },
      refresh:
        issued.refreshToken === null ? null : { token: issued.refreshToken, expiresAt: issued.session.expiresAt },
    };
  }
}
