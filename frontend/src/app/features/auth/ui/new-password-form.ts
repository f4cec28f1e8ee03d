import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { MIN_PASSWORD_LENGTH } from '../../../core/auth/auth.model';
import { FormValidators, matchesSibling } from '../../../shared/forms/validators';

/** "New password" + "Confirm password" (reset password, accept invitation). Presentational. */
@Component({
  selector: 'app-new-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" required />
        <mat-hint>At least {{ minLength }} characters.</mat-hint>
        @if (form.controls.password.hasError('required')) {
          <mat-error>Choose a password.</mat-error>
        } @else if (form.controls.password.hasError('minlength')) {
          <mat-error>Use at least {{ minLength }} characters.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Confirm new password</mat-label>
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
        <button mat-flat-button type="submit" [disabled]="pending()">{{ submitLabel() }}</button>
      </div>
    </form>
  `,
})
export class NewPasswordForm {
  readonly submitLabel = input('Set password');
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<string>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [FormValidators.required, FormValidators.minLength(MIN_PASSWORD_LENGTH)]],
    confirm: ['', [FormValidators.required, matchesSibling('password')]],
  });

  protected submit(): void {
    this.form.controls.confirm.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.form.getRawValue().password);
  }
}
