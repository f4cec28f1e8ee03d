import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import * as bcrypt from 'bcrypt';
import { AppConfigService } from '../../config/app-config.service';
import { AuthErrors } from './auth.errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/** True when the password is in the list of ~49,000 common passwords of zxcvbn-ts (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary.passwords.map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Password hashing (bcrypt, cost from BCRYPT_COST, 12 by default and in production) and the password policy:
 * 12 to 128 characters (checked by the DTOs), not a common password, no composition rules.
 */
@Injectable()
export class PasswordService {
  private dummyHash?: Promise<string>;

  constructor(private readonly config: AppConfigService) {}

  /** Throws PASSWORD_TOO_COMMON for a password from the common-passwords list. */
  assertAcceptable(password: string): void {
    if (isCommonPassword(password)) throw AuthErrors.passwordTooCommon();
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.auth.bcryptCost);
  }

  /**
   * Checks a password against a hash. Without a hash (no such user, or no password yet) it still spends the time of
   * one bcrypt comparison, so response times do not tell which emails have accounts.
   */
  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    if (!hash) {
      await bcrypt.compare(password, await this.dummy());
      return false;
    }
    return bcrypt.compare(password, hash);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= bcrypt.hash('not-a-password-of-anyone', this.config.auth.bcryptCost);
    return this.dummyHash;
  }
}
