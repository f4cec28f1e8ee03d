import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { FormValidators, requiredWhen } from '../../../shared/forms/validators';
import {
  type CreateApiClientRequest,
  MAX_DAILY_LIMIT,
  OPERATOR_BOUND_SCOPES,
  SCOPES,
  type Scope,
} from '../model/admin.model';

type ScopeControls = Record<Scope, FormControl<boolean>>;

function scopeControls(): ScopeControls {
  return Object.fromEntries(
    SCOPES.map((scope) => [scope, new FormControl(false, { nonNullable: true })]),
  ) as ScopeControls;
}

function atLeastOneScope(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as Record<string, boolean>).some(Boolean) ? null : { noScope: true };
}

function futureDate(control: AbstractControl): ValidationErrors | null {
  const value = control.value as string;
  if (!value) {
    return null;
  }
  return new Date(`${value}T23:59:59`).getTime() > Date.now() ? null : { past: true };
}

/** Empty, or a whole number from 1 to MAX_DAILY_LIMIT. */
function dailyLimit(control: AbstractControl): ValidationErrors | null {
  const value = (control.value as string).trim();
  if (value === '') {
    return null;
  }
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_DAILY_LIMIT ? null : { range: true };
}

function selectedScopes(group: FormGroup<ScopeControls>): Scope[] {
  return SCOPES.filter((scope) => group.controls[scope].value);
}

/** Creates an API client. Presentational; the page calls {@link clear} after success. */
@Component({
  selector: 'app-create-api-client-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Create an API client">
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" autocomplete="off" required />
        <mat-hint>Who or what uses the key, e.g. "Ticketing app".</mat-hint>
        @if (form.controls.name.hasError('required')) {
          <mat-error>Enter a name.</mat-error>
        }
      </mat-form-field>
      <fieldset formGroupName="scopes">
        <legend>Scopes</legend>
        @for (scope of scopes; track scope) {
          <mat-checkbox [formControlName]="scope">{{ scope }}</mat-checkbox>
        }
        @if (form.controls.scopes.hasError('noScope') && form.controls.scopes.touched) {
          <p class="field-error" role="alert">Choose at least one scope.</p>
        }
      </fieldset>
      <mat-form-field>
        <mat-label>Operator ID</mat-label>
        <input matInput formControlName="operatorId" autocomplete="off" />
        <mat-hint>Required for customer-account scopes: the client sees only that operator's customers.</mat-hint>
        @if (form.controls.operatorId.hasError('required')) {
          <mat-error>Customer-account scopes need an operator ID.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Expires on</mat-label>
        <input matInput type="date" formControlName="expiresOn" />
        <mat-hint>Optional. The key stops working at the end of that day.</mat-hint>
        @if (form.controls.expiresOn.hasError('past')) {
          <mat-error>Choose a date in the future.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Daily limit</mat-label>
        <input matInput formControlName="dailyLimit" inputmode="numeric" autocomplete="off" />
        <mat-hint>Optional. Requests per day (UTC); empty: the default for API clients.</mat-hint>
        @if (form.controls.dailyLimit.hasError('range')) {
          <mat-error>Enter a whole number from 1 to {{ maxDailyLimit.toLocaleString() }}.</mat-error>
        }
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Create API client</button>
      </div>
    </form>
  `,
  styles: `
    fieldset {
      display: flex;
      flex-direction: column;
      margin: 0 0 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
    }

    legend {
      padding: 0 0.25rem;
    }

    .field-error {
      margin: 0.25rem 0 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class CreateApiClientForm {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<CreateApiClientRequest>();

  protected readonly scopes = SCOPES;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: FormValidators.required }),
    scopes: new FormGroup(scopeControls(), { validators: atLeastOneScope }),
    operatorId: new FormControl('', {
      nonNullable: true,
      validators: requiredWhen((parent) =>
        selectedScopes((parent as FormGroup<{ scopes: FormGroup<ScopeControls> }>).controls.scopes).some((scope) =>
          OPERATOR_BOUND_SCOPES.includes(scope),
        ),
      ),
    }),
    expiresOn: new FormControl('', { nonNullable: true, validators: futureDate }),
    dailyLimit: new FormControl('', { nonNullable: true, validators: dailyLimit }),
  });
  protected readonly maxDailyLimit = MAX_DAILY_LIMIT;
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
    const { name, operatorId, expiresOn, dailyLimit: limit } = this.form.getRawValue();
    this.submitted.emit({
      name: name.trim(),
      scopes: selectedScopes(this.form.controls.scopes),
      ...(operatorId.trim() ? { operatorId: operatorId.trim() } : {}),
      ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
      ...(limit.trim() ? { dailyLimit: Number(limit.trim()) } : {}),
    });
  }
}
