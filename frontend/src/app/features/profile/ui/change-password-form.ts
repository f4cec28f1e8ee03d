import { ChangeDetectionStrategy, Component, inject, input, output, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { type ChangePasswordRequest, MIN_PASSWORD_LENGTH } from '../../../core/auth/auth.model';
import { FormValidators, matchesSibling } from '../../../shared/forms/validators';

/** Current password + new password (twice). Presentational; the page calls {@link clear} after success. */
@Component({
  selector: 'app-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>Current password</mat-label>
        <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
        @if (form.controls.currentPassword.hasError('required')) {
          <mat-error>Enter your current password.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
        <mat-hint>At least {{ minLength }} characters.</mat-hint>
        @if (form.controls.newPassword.hasError('required')) {
          <mat-error>Choose a new password.</mat-error>
        } @else if (form.controls.newPassword.hasError('minlength')) {
          <mat-error>Use at least {{ minLength }} characters.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Confirm new password</mat-label>
        <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
        @if (form.controls.confirm.hasError('required')) {
          <mat-error>Enter the new password again.</mat-error>
        } @else if (form.controls.confirm.hasError('mismatch')) {
          <mat-error>The passwords do not match.</mat-error>
        }
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Change password</button>
      </div>
    </form>
  `,
})
export class ChangePasswordForm {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<ChangePasswordRequest>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', FormValidators.required],
    newPassword: ['', [FormValidators.required, FormValidators.minLength(MIN_PASSWORD_LENGTH)]],
    confirm: ['', [FormValidators.required, matchesSibling('newPassword')]],
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);

  /** Empties the fields (and their "submitted" error state) after a successful change. */
  clear(): void {
    this.formDirective().resetForm();
  }

  protected submit(): void {
    this.form.controls.confirm.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitted.emit({ currentPassword, newPassword });
  }
}
