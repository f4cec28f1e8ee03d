import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';

import { AuthClient } from '../../core/auth/auth-client';
import { AuthStore } from '../../core/auth/auth-store';
import { type ChangePasswordRequest } from '../../core/auth/auth.model';
import { type ApiError, genericErrorMessage } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { ChangePasswordForm } from './ui/change-password-form';
import { DisplayNameForm } from './ui/display-name-form';

function changePasswordErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'CURRENT_PASSWORD_WRONG':
      return 'Your current password is not correct.';
    case 'PASSWORD_TOO_COMMON':
      return 'This password is too common. Choose another.';
    default:
      return genericErrorMessage(error);
  }
}

/** `/profile`: the signed-in user's name, password and sessions. */
@Component({
  selector: 'app-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChangePasswordForm, DisplayNameForm, MatButton],
  host: { class: 'app-page' },
  template: `
    <h1>Profile</h1>
    @if (auth.user(); as user) {
      <dl>
        <dt>Email</dt>
        <dd>{{ user.email }}</dd>
        <dt>Role</dt>
        <dd>{{ user.role }}{{ user.operatorId ? ' (operator ' + user.operatorId + ')' : '' }}</dd>
      </dl>

      <section aria-labelledby="profile-name-heading">
        <h2 id="profile-name-heading">Display name</h2>
        <app-display-name-form
          [displayName]="user.displayName"
          [pending]="rename.pending()"
          [error]="renameError()"
          (submitted)="saveName($event)"
        />
        @if (nameSaved()) {
          <p role="status">Display name saved.</p>
        }
      </section>

      <section aria-labelledby="profile-password-heading">
        <h2 id="profile-password-heading">Change password</h2>
        <app-change-password-form
          [pending]="changePassword.pending()"
          [error]="changePasswordError()"
          (submitted)="savePassword($event)"
        />
        @if (passwordChanged()) {
          <p role="status">Password changed. Your other sessions have been signed out.</p>
        }
      </section>

      <section aria-labelledby="profile-sessions-heading">
        <h2 id="profile-sessions-heading">Sessions</h2>
        <p>Signs you out on every device and browser, including this one.</p>
        @if (signOutAllError(); as error) {
          <p class="app-alert" role="alert">{{ error }}</p>
        }
        <button mat-stroked-button type="button" [disabled]="signOutAll.pending()" (click)="signOutEverywhere()">
          Sign out everywhere
        </button>
      </section>
    }
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1.5rem;
    }

    dt {
      color: var(--mat-sys-on-surface-variant);
    }

    dd {
      margin: 0;
    }
  `,
})
export class ProfilePage {
  protected readonly auth = inject(AuthStore);
  private readonly client = inject(AuthClient);
  private readonly passwordForm = viewChild(ChangePasswordForm);

  protected readonly nameSaved = signal(false);
  protected readonly passwordChanged = signal(false);

  protected readonly rename = createSubmission((displayName: string) =>
    firstValueFrom(this.client.updateMe({ displayName })),
  );
  protected readonly changePassword = createSubmission((request: ChangePasswordRequest) =>
    firstValueFrom(this.client.changePassword(request), { defaultValue: undefined }),
  );
  protected readonly signOutAll = createSubmission(() => this.auth.logoutEverywhere());

  protected readonly renameError = computed(() => {
    const error = this.rename.error();
    return error ? genericErrorMessage(error) : null;
  });
  protected readonly changePasswordError = computed(() => {
    const error = this.changePassword.error();
    return error ? changePasswordErrorMessage(error) : null;
  });
  protected readonly signOutAllError = computed(() => {
    const error = this.signOutAll.error();
    return error ? genericErrorMessage(error) : null;
  });

  protected async saveName(displayName: string): Promise<void> {
    this.nameSaved.set(false);
    const result = await this.rename.run(displayName);
    if (result.ok) {
      this.auth.updateUser(result.value);
      this.nameSaved.set(true);
    }
  }

  protected async savePassword(request: ChangePasswordRequest): Promise<void> {
    this.passwordChanged.set(false);
    const result = await this.changePassword.run(request);
    if (result.ok) {
      this.passwordForm()?.clear();
      this.passwordChanged.set(true);
    }
  }

  /** The shell navigates to the login page once the session has ended. */
  protected async signOutEverywhere(): Promise<void> {
    await this.signOutAll.run(undefined);
  }
}
