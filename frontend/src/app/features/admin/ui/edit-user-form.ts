import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { ROLES, type UserDto } from '../../../core/auth/auth.model';
import { type UpdateUserRequest } from '../model/admin.model';
import { ROLE_LABELS, roleControls } from './user-role-fields';

/** Changes one user's role and operator binding. Presentational. */
@Component({
  selector: 'app-edit-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <form
      class="app-form"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      [attr.aria-label]="'Edit ' + user().email"
    >
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
          @if (form.controls.operatorId.hasError('required')) {
            <mat-error>Enter the operator ID for an operator user.</mat-error>
          }
        </mat-form-field>
      }
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Save changes</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
})
export class EditUserForm {
  readonly user = input.required<UserDto>();
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<UpdateUserRequest>();
  readonly cancelled = output();

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly form = new FormGroup(roleControls());
  protected readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });

  constructor() {
    effect(() => {
      const user = this.user();
      this.form.reset({ role: user.role, operatorId: user.operatorId ?? '' });
    });
  }

  protected submit(): void {
    this.form.controls.operatorId.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { role, operatorId } = this.form.getRawValue();
    this.submitted.emit({ role, operatorId: role === 'operator' ? operatorId.trim() : null });
  }
}
