import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { requiredWhen } from '../../../shared/forms/validators';
import { checkIpRange } from '../model/ip-address';
import { type CreateIpRuleRequest, MAX_IP_RULE_REASON_LENGTH } from '../model/ip-rules.model';

/** How long an entry lasts: a preset, until removed, or until a chosen time. */
const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never', hours: null },
  { value: '1h', label: 'In 1 hour', hours: 1 },
  { value: '24h', label: 'In 24 hours', hours: 24 },
  { value: '7d', label: 'In 7 days', hours: 7 * 24 },
  { value: '30d', label: 'In 30 days', hours: 30 * 24 },
  { value: 'at', label: 'At a date and time…', hours: null },
] as const;
type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

function ipRange(control: AbstractControl): ValidationErrors | null {
  const value = (control.value as string).trim();
  if (!value) {
    return null;
  }
  const check = checkIpRange(value);
  if (check.ok) {
    return null;
  }
  return check.reason === 'hostBits' ? { hostBits: check.suggestion } : { [check.reason]: true };
}

/** Required, and more than spaces. */
function filled(control: AbstractControl): ValidationErrors | null {
  return (control.value as string).trim() === '' ? { required: true } : null;
}

function inFuture(control: AbstractControl): ValidationErrors | null {
  const value = control.value as string;
  return value && !(new Date(value).getTime() > Date.now()) ? { past: true } : null;
}

/**
 * Adds an address or CIDR range, with a reason and an optional expiry, to the blocklist or the allowlist.
 * Presentational; the page calls {@link clear} after success.
 */
@Component({
  selector: 'app-ip-rule-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="label()">
      <div class="fields">
        <mat-form-field class="range">
          <mat-label>Address or CIDR range</mat-label>
          <input matInput formControlName="range" autocomplete="off" spellcheck="false" required />
          @if (range.hasError('required')) {
            <mat-error>Enter an address or a range.</mat-error>
          } @else if (range.hasError('invalid')) {
            <mat-error>Enter an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24.</mat-error>
          } @else if (range.hasError('prefix')) {
            <mat-error>The prefix length must be 0–32 for IPv4, 0–128 for IPv6.</mat-error>
          } @else if (range.hasError('hostBits')) {
            <mat-error>Host bits are set: the range is written {{ range.getError('hostBits') }}.</mat-error>
          } @else {
            <mat-hint>e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/48</mat-hint>
          }
        </mat-form-field>
        <mat-form-field class="reason">
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" autocomplete="off" required [maxlength]="maxReason" />
          @if (reason.hasError('required')) {
            <mat-error>Say why, for whoever reads the list later.</mat-error>
          } @else {
            <mat-hint align="end">{{ reason.value.length }} / {{ maxReason }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Expires</mat-label>
          <select matNativeControl formControlName="expiry">
            @for (choice of expiryChoices; track choice.value) {
              <option [value]="choice.value">{{ choice.label }}</option>
            }
          </select>
        </mat-form-field>
        @if (expiry() === 'at') {
          <mat-form-field>
            <mat-label>Expires at</mat-label>
            <input matInput type="datetime-local" formControlName="expiresAt" required />
            @if (form.controls.expiresAt.hasError('past')) {
              <mat-error>Choose a time in the future.</mat-error>
            } @else if (form.controls.expiresAt.hasError('required')) {
              <mat-error>Choose when it expires.</mat-error>
            }
          </mat-form-field>
        }
      </div>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">{{ submitLabel() }}</button>
      </div>
    </form>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      column-gap: 1rem;
      row-gap: 0.5rem;
    }

    .reason {
      grid-column: span 2;
    }

    @media (max-width: 40rem) {
      .reason {
        grid-column: auto;
      }
    }
  `,
})
export class IpRuleForm {
  /** The form's accessible name: "Block an address or range". */
  readonly label = input.required<string>();
  readonly submitLabel = input.required<string>();
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<CreateIpRuleRequest>();

  protected readonly maxReason = MAX_IP_RULE_REASON_LENGTH;
  protected readonly expiryChoices = EXPIRY_CHOICES;
  protected readonly form = new FormGroup({
    range: new FormControl('', { nonNullable: true, validators: [filled, ipRange] }),
    reason: new FormControl('', { nonNullable: true, validators: filled }),
    expiry: new FormControl<ExpiryChoice>('never', { nonNullable: true }),
    expiresAt: new FormControl('', {
      nonNullable: true,
      validators: [requiredWhen((parent) => parent.get('expiry')?.value === 'at'), inFuture],
    }),
  });
  protected readonly range = this.form.controls.range;
  protected readonly reason = this.form.controls.reason;
  protected readonly expiry = toSignal(this.form.controls.expiry.valueChanges, {
    initialValue: this.form.controls.expiry.value,
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);

  clear(): void {
    this.formDirective().resetForm({ range: '', reason: '', expiry: 'never', expiresAt: '' });
  }

  protected submit(): void {
    this.form.controls.expiresAt.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { range, reason, expiry, expiresAt } = this.form.getRawValue();
    const hours = EXPIRY_CHOICES.find((choice) => choice.value === expiry)?.hours ?? null;
    const expires =
      expiry === 'at' ? new Date(expiresAt) : hours === null ? null : new Date(Date.now() + hours * 3_600_000);
    this.submitted.emit({
      range: range.trim(),
      reason: reason.trim(),
      ...(expires ? { expiresAt: expires.toISOString() } : {}),
    });
  }
}
