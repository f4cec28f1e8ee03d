import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { createTokenPasswordFlow } from './data/token-password-flow';
import { NewPasswordForm } from './ui/new-password-form';

export const PASSWORD_RESET_MESSAGE = 'Your password has been changed. Sign in with your new password.';

/** `/reset-password?token=…` (the link in the reset email). Resetting ends every session of the account. */
@Component({
  selector: 'app-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NewPasswordForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Choose a new password</h1>
    @if (flow.done()) {
      <p class="app-notice" role="status">{{ doneMessage }}</p>
      <p><a routerLink="/login">Sign in</a></p>
    } @else if (flow.linkError(); as linkError) {
      <p class="app-alert" role="alert">{{ linkError }}</p>
      <p><a routerLink="/forgot-password">Request a new link</a></p>
    } @else {
      <app-new-password-form
        submitLabel="Change password"
        [pending]="flow.pending()"
        [error]="flow.formError()"
        (submitted)="flow.submit($event)"
      />
    }
  `,
})
export class ResetPasswordPage {
  /** Query parameter (bound by the router). */
  readonly token = input<string>();

  protected readonly doneMessage = PASSWORD_RESET_MESSAGE;
  protected readonly flow = createTokenPasswordFlow('reset-password', () => this.token());
}
