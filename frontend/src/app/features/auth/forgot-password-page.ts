import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthClient } from '../../core/auth/auth-client';
import { type ApiError, genericErrorMessage } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { EmailForm } from './ui/email-form';

export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that address, we have sent it a link to choose a new password. The link is valid for 30 minutes.';

/**
 * Whether a failed request must still read as "sent", so that no answer tells whether the address has an
 * account: any 4xx except 400 VALIDATION_FAILED and 429. Those two, network failures and 5xx stay errors: the
 * request was not handled, and claiming a link was sent would leave the user waiting for nothing.
 */
function confirmsAnyway(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429 && error.code !== 'VALIDATION_FAILED';
}

/** `/forgot-password`: always the same confirmation, whether or not the address has an account. */
@Component({
  selector: 'app-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmailForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Forgot password</h1>
    @if (requested()) {
      <p class="app-notice" role="status">{{ requestedMessage }}</p>
    } @else {
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <app-email-form
        submitLabel="Send reset link"
        [pending]="request.pending()"
        [error]="errorMessage()"
        (submitted)="submit($event)"
      />
    }
    <p><a routerLink="/login">Back to sign in</a></p>
  `,
})
export class ForgotPasswordPage {
  private readonly client = inject(AuthClient);

  protected readonly requestedMessage = RESET_REQUESTED_MESSAGE;
  protected readonly requested = signal(false);
  protected readonly request = createSubmission((email: string) => firstValueFrom(this.client.forgotPassword(email)));
  protected readonly errorMessage = computed(() => {
    const error = this.request.error();
    return error ? genericErrorMessage(error) : null;
  });

  protected async submit(email: string): Promise<void> {
    const result = await this.request.run(email);
    if (result.ok || confirmsAnyway(result.error)) {
      this.requested.set(true);
    }
  }
}
