import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthClient } from '../../core/auth/auth-client';
import { type RegisterRequest } from '../../core/auth/auth.model';
import { genericErrorMessage } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { passwordErrorMessage } from './model/auth-messages';
import { RegisterForm } from './ui/register-form';

export const REGISTERED_MESSAGE = 'Check your email to verify your address.';

/** `/register`: self-registration of a viewer account; the answer never says whether the email exists. */
@Component({
  selector: 'app-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RegisterForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Create an account</h1>
    @if (registered()) {
      <p class="app-notice" role="status">{{ registeredMessage }}</p>
      <p>The link in the email is valid for 24 hours. <a routerLink="/login">Back to sign in</a></p>
    } @else {
      <p>New accounts can look up operators. An administrator grants more access.</p>
      <app-register-form [pending]="register.pending()" [error]="errorMessage()" (submitted)="submit($event)" />
      <p>Already have an account? <a routerLink="/login">Sign in</a></p>
    }
  `,
})
export class RegisterPage {
  private readonly client = inject(AuthClient);

  protected readonly registeredMessage = REGISTERED_MESSAGE;
  protected readonly registered = signal(false);
  protected readonly register = createSubmission((request: RegisterRequest) =>
    firstValueFrom(this.client.register(request)),
  );
  protected readonly errorMessage = computed(() => {
    const error = this.register.error();
    return error ? (passwordErrorMessage(error) ?? genericErrorMessage(error)) : null;
  });

  protected async submit(request: RegisterRequest): Promise<void> {
    const result = await this.register.run(request);
    if (result.ok) {
      this.registered.set(true);
    }
  }
}
