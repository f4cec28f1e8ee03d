import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { type Credentials } from '../../../core/auth/auth.model';
import { FormValidators } from '../../../shared/forms/validators';

/** Email + password form. Presentational: emits valid credentials, shows `error` and `pending`. */
@Component({
  selector: 'app-login-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="username" required />
        @if (form.controls.email.hasError('required')) {
          <mat-error>Enter your email address.</mat-error>
        } @else if (form.controls.email.hasError('email')) {
          <mat-error>Enter a valid email address.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="current-password" required />
        @if (form.controls.password.hasError('required')) {
          <mat-error>Enter your password.</mat-error>
        }
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">
          {{ pending() ? 'Signing in…' : 'Sign in' }}
        </button>
      </div>
    </form>
  `,
})
export class LoginForm {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<Credentials>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [FormValidators.required, FormValidators.email]],
    password: ['', FormValidators.required],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitted.emit({ email: email.trim(), password });
  }
}
