import { computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { AuthClient } from '../../../core/auth/auth-client';
import { genericErrorMessage } from '../../../core/http/api-error';
import { createSubmission } from '../../../core/http/submission';
import { type TokenPurpose, passwordErrorMessage, tokenErrorMessage } from '../model/auth-messages';

/**
 * Shared state of the two "choose a password from an emailed link" pages (reset password, accept
 * invitation): submits the token with the new password and words the failures.
 */
export function createTokenPasswordFlow(
  purpose: Extract<TokenPurpose, 'reset-password' | 'invitation'>,
  token: () => string | undefined,
) {
  const client = inject(AuthClient);
  const done = signal(false);
  const submission = createSubmission((password: string) => {
    const value = token() ?? '';
    return firstValueFrom(
      purpose === 'reset-password' ? client.resetPassword(value, password) : client.acceptInvitation(value, password),
      { defaultValue: undefined },
    );
  });
  /** A link error ends the flow (the form cannot succeed with this token); a password error keeps the form. */
  const linkError = computed(() => {
    if (!token()) {
      return tokenErrorMessage(purpose, 'TOKEN_INVALID');
    }
    const error = submission.error();
    return error ? tokenErrorMessage(purpose, error.code) : null;
  });
  const formError = computed(() => {
    const error = submission.error();
    if (!error || linkError()) {
      return null;
    }
    return passwordErrorMessage(error) ?? genericErrorMessage(error);
  });
  return {
    done: done.asReadonly(),
    pending: submission.pending,
    linkError,
    formError,
    async submit(password: string): Promise<void> {
      const result = await submission.run(password);
      if (result.ok) {
        done.set(true);
      }
    },
  };
}
