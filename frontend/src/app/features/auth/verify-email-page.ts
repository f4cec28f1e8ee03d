import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthClient } from '../../core/auth/auth-client';
import { type ApiError, genericErrorMessage, toApiError } from '../../core/http/api-error';
import { tokenErrorMessage } from './model/auth-messages';

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: ApiError };

export const VERIFIED_MESSAGE = 'Your email address is verified. You can now sign in.';

/** `/verify-email?token=…` (the link in the verification email): posts the token once on arrival. */
@Component({
  selector: 'app-verify-email-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Verify your email address</h1>
    @switch (view().kind) {
      @case ('verifying') {
        <p role="status">Verifying your email address…</p>
      }
      @case ('verified') {
        <p class="app-notice" role="status">{{ verifiedMessage }}</p>
        <p><a routerLink="/login">Sign in</a></p>
      }
      @case ('failed') {
        <p class="app-alert" role="alert">{{ view().message }}</p>
        <p><a routerLink="/register">Register again</a> · <a routerLink="/login">Sign in</a></p>
      }
    }
  `,
})
export class VerifyEmailPage {
  /** Query parameter (bound by the router). */
  readonly token = input<string>();

  private readonly client = inject(AuthClient);
  protected readonly verifiedMessage = VERIFIED_MESSAGE;

  private readonly verification = resource({
    params: () => this.token() || undefined,
    loader: async ({ params: token }): Promise<Outcome> => {
      try {
        await firstValueFrom(this.client.verifyEmail(token));
        return { ok: true };
      } catch (error: unknown) {
        return { ok: false, error: toApiError(error) };
      }
    },
  });

  protected readonly view = computed(() => {
    if (!this.token()) {
      return { kind: 'failed', message: tokenErrorMessage('verify-email', 'TOKEN_INVALID') } as const;
    }
    const outcome = this.verification.hasValue() ? this.verification.value() : undefined;
    if (!outcome) {
      return { kind: 'verifying', message: '' } as const;
    }
    if (outcome.ok) {
      return { kind: 'verified', message: '' } as const;
    }
    const message = tokenErrorMessage('verify-email', outcome.error.code) ?? genericErrorMessage(outcome.error);
    return { kind: 'failed', message } as const;
  });
}
