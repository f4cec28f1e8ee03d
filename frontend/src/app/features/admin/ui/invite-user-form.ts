import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { ROLES } from '../../../core/auth/auth.model';
import { FormValidators } from '../../../shared/forms/validators';
import { type InviteUserRequest } from '../model/admin.model';
import { ROLE_LABELS, roleControls } from './user-role-fields';

/** Invites a staff user by email. Presentational; the page calls {@link clear} after success. */
@Component({
  selector: 'app-invite-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Invite a user">
      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="off" required />
        @if (form.controls.email.hasError('required')) {
          <mat-error>Enter the email address to invite.</mat-error>
        } @else if (form.controls.email.hasError('email')) {
          <mat-error>Enter a valid email address.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Display name</mat-label>
        <input matInput formControlName="displayName" autocomplete="off" required />
        @if (form.controls.displayName.hasError('required')) {
          <mat-error>Enter the person's name.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Role</mat-label>
        <select matNativeControl formControlName="role" required>
          @for (role of roles; track role) {
            <option [value]="role">{{ roleLabels[role] }}</option>
          }
        </select>
      </mat-form-field>
      @if (role() === 'operator') {
        <mat-form-field>
          <mat-label>Operator ID</mat-label>
          <input matInput formControlName="operatorId" autocomplete="off" required />
          <mat-hint>The operator whose records this user manages.</mat-hint>
          @if (form.controls.operatorId.hasError('required')) {
            <mat-error>Enter the operator ID for an operator user.</mat-error>
          }
        </mat-form-field>
      }
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Send invitation</button>
      </div>
    </form>
  `,
})
export class InviteUserForm {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<InviteUserRequest>();

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [FormValidators.required, FormValidators.email] }),
    displayName: new FormControl('', { nonNullable: true, validators: FormValidators.required }),
    ...roleControls(),
  });
  protected readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);

  clear(): void {
    this.formDirective().resetForm();
  }

  protected submit(): void {
    this.form.controls.operatorId.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, displayName, role, operatorId } = this.form.getRawValue();
    this.submitted.emit({
      email: email.trim(),
      displayName: displayName.trim(),
      role,
      ...(role === 'operator' ? { operatorId: operatorId.trim() } : {}),
    });
  }
}
