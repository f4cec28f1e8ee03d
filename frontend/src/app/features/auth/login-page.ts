import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { safeReturnUrl } from '../../core/auth/auth.guards';
import { AuthStore } from '../../core/auth/auth-store';
import { type Credentials } from '../../core/auth/auth.model';
import { createSubmission } from '../../core/http/submission';
import { loginErrorMessage, sessionEndMessage } from './model/auth-messages';
import { LoginForm } from './ui/login-form';

/** `/login?returnUrl=…&reason=…`: signs in, then returns to where the visitor was going. */
@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoginForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Sign in</h1>
    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    <app-login-form [pending]="login.pending()" [error]="errorMessage()" (submitted)="signIn($event)" />
    <p><a routerLink="/forgot-password">Forgot your password?</a></p>
    <p>New here? <a routerLink="/register">Create an account</a></p>
  `,
})
export class LoginPage {
  /** Query parameters (bound by the router). */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly login = createSubmission((credentials: Credentials) => this.auth.login(credentials));
  protected readonly notice = computed(() => (this.login.error() ? null : sessionEndMessage(this.reason())));
  protected readonly errorMessage = computed(() => {
    const error = this.login.error();
    return error ? loginErrorMessage(error) : null;
  });

  protected async signIn(credentials: Credentials): Promise<void> {
    const result = await this.login.run(credentials);
    if (result.ok) {
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? '/', { replaceUrl: true });
    }
  }
}
