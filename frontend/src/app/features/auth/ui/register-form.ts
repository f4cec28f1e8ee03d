import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { MIN_PASSWORD_LENGTH, type RegisterRequest } from '../../../core/auth/auth.model';
import { FormValidators, matchesSibling } from '../../../shared/forms/validators';

/** Self-registration form (display name, email, password twice). Presentational. */
@Component({
  selector: 'app-register-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>Display name</mat-label>
        <input matInput formControlName="displayName" autocomplete="name" required />
        @if (form.controls.displayName.hasError('required')) {
          <mat-error>Enter the name other staff will see.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="email" required />
        @if (form.controls.email.hasError('required')) {
          <mat-error>Enter your email address.</mat-error>
        } @else if (form.controls.email.hasError('email')) {
          <mat-error>Enter a valid email address.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" required />
        <mat-hint>At least {{ minLength }} characters.</mat-hint>
        @if (form.controls.password.hasError('required')) {
          <mat-error>Choose a password.</mat-error>
        } @else if (form.controls.password.hasError('minlength')) {
          <mat-error>Use at least {{ minLength }} characters.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Confirm password</mat-label>
        <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
        @if (form.controls.confirm.hasError('required')) {
          <mat-error>Enter the password again.</mat-error>
        } @else if (form.controls.confirm.hasError('mismatch')) {
          <mat-error>The passwords do not match.</mat-error>
        }
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Create account</button>
      </div>
    </form>
  `,
})
export class RegisterForm {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<RegisterRequest>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', FormValidators.required],
    email: ['', [FormValidators.required, FormValidators.email]],
    password: ['', [FormValidators.required, FormValidators.minLength(MIN_PASSWORD_LENGTH)]],
    confirm: ['', [FormValidators.required, matchesSibling('password')]],
  });

  protected submit(): void {
    this.form.controls.confirm.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, email, password } = this.form.getRawValue();
    this.submitted.emit({ displayName: displayName.trim(), email: email.trim(), password });
  }
}
