import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  type MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { type Observable, firstValueFrom } from 'rxjs';

import { createSubmission } from '../../core/http/submission';
import { FormValidators } from '../../shared/forms/validators';
import { type HostedOperator, isCustomerId } from '../customers/model/customers.model';
import { operatorLabel } from '../customers/ui/customer-search-form';
import { resourceError } from './data/account-links-store';
import { linkRequestErrorMessage } from './model/account-links-messages';
import { type AccountLinkAcceptedDto, type LinkEndDto, type LinkEndInput } from './model/account-links.model';

export interface LinkAccountDialogData {
  /** The account on whose page the dialog opens: the link's source. */
  readonly source: LinkEndDto;
  /** Every operator whose accounts are hosted here (the source's own is left out of the choice). */
  readonly operators: () => Observable<readonly HostedOperator[]>;
  /** Sends the request; a refusal keeps the dialog open with the reason. */
  readonly submit: (target: LinkEndInput) => Promise<AccountLinkAcceptedDto>;
}

/** Required (blanks do not count), and a customer id the API accepts once trimmed. */
function customerIdValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  if (value === '') {
    return { required: true };
  }
  return isCustomerId(value) ? null : { customerId: true };
}

/**
 * "Link account": the operator and customer ID of an account at another hosted operator, whose owner is then asked by
 * email to confirm. Closes with the server's answer (the same whether or not that account exists).
 */
@Component({
  selector: 'app-link-account-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
  ],
  template: `
    <h2 mat-dialog-title>Link another account</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate aria-label="Link another account">
      <mat-dialog-content>
        <p class="intro">
          Ask the owner of an account at another operator to confirm that it is theirs too. Once they confirm,
          {{ data.source.operatorName }} staff can see that account's purchases, concessions and usages.
        </p>
        <p class="source">
          <span class="label">This account</span>
          <span
            >{{ data.source.operatorName }} ({{ data.source.operatorId }}) · customer {{ data.source.customerId }}</span
          >
        </p>

        @if (operatorsError(); as error) {
          <div class="app-alert load-error" role="alert">
            <span>The operators could not be loaded. {{ message(error) }}</span>
            <button mat-stroked-button type="button" (click)="operators.reload()">Try again</button>
          </div>
        } @else if (operators.isLoading() && choices().length === 0) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the operators" />
        } @else if (choices().length === 0) {
          <p class="app-alert" role="alert">
            No other operator's accounts are kept here, so there is nothing to link to.
          </p>
        }

        <mat-form-field class="field">
          <mat-label>Operator of the other account</mat-label>
          <mat-select formControlName="operatorId">
            @for (operator of choices(); track operator.id) {
              <mat-option [value]="operator.id">{{ label(operator) }}</mat-option>
            }
          </mat-select>
          <mat-error>Choose the operator.</mat-error>
        </mat-form-field>
        <mat-form-field class="field">
          <mat-label>Customer ID at that operator</mat-label>
          <input matInput formControlName="customerId" autocomplete="off" maxlength="32" />
          <mat-hint>As that operator knows it, for example C000042</mat-hint>
          @if (form.controls.customerId.hasError('customerId')) {
            <mat-error>Use 1 to 32 characters, without control characters.</mat-error>
          } @else {
            <mat-error>Enter the customer ID.</mat-error>
          }
        </mat-form-field>

        <p class="note">
          The email goes to the address that operator has on file for the account, never to an address typed here. You
          are not told whether the account exists: the answer is the same either way.
        </p>
        @if (failure(); as failure) {
          <p class="app-alert" role="alert">{{ failure }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="null">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="sending.pending()">Send request</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .intro {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .source {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      margin: 0 0 1.25rem;
      padding: 0.75rem 1rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container);
    }

    .label {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .field {
      display: block;
      width: 100%;
    }

    .field + .field {
      margin-block-start: 0.5rem;
    }

    .note {
      margin: 1rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .load-error {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin-block-end: 1rem;
    }

    mat-progress-bar {
      margin-block-end: 1rem;
    }
  `,
})
export class LinkAccountDialog {
  protected readonly data = inject<LinkAccountDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<LinkAccountDialog, AccountLinkAcceptedDto | null>>(MatDialogRef);

  protected readonly label = operatorLabel;
  protected readonly message = linkRequestErrorMessage;
  protected readonly operators = rxResource({ stream: () => this.data.operators() });
  protected readonly operatorsError = computed(() => resourceError(this.operators.error()));
  /** Hosted operators other than the source's. */
  protected readonly choices = computed(() =>
    (this.operators.hasValue() ? this.operators.value() : []).filter(
      (operator) => operator.id !== this.data.source.operatorId,
    ),
  );

  protected readonly form = new FormGroup({
    operatorId: new FormControl('', { nonNullable: true, validators: FormValidators.required }),
    customerId: new FormControl('', { nonNullable: true, validators: customerIdValidator }),
  });
  protected readonly sending = createSubmission((target: LinkEndInput) => this.data.submit(target));
  protected readonly failure = computed(() => {
    const error = this.sending.error();
    return error && error.code !== 'ALREADY_PENDING' ? linkRequestErrorMessage(error) : null;
  });

  constructor() {
    // One other operator: choose it.
    effect(() => {
      const choices = this.choices();
      const control = this.form.controls.operatorId;
      if (choices.length === 1 && control.value === '') {
        control.setValue(choices[0].id);
      }
    });
  }

  protected async send(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const { operatorId, customerId } = this.form.getRawValue();
    const result = await this.sending.run({ operatorId, customerId: customerId.trim() });
    if (result.ok) {
      this.dialogRef.close(result.value);
    }
  }
}

/** Opens a {@link LinkAccountDialog}; resolves to the server's answer, or null when the user cancelled. */
export async function askToLinkAccount(
  dialog: MatDialog,
  data: LinkAccountDialogData,
): Promise<AccountLinkAcceptedDto | null> {
  const ref = dialog.open<LinkAccountDialog, LinkAccountDialogData, AccountLinkAcceptedDto | null>(LinkAccountDialog, {
    data,
    autoFocus: 'first-tabbable',
    width: '36rem',
    maxWidth: '95vw',
  });
  return (await firstValueFrom(ref.afterClosed(), { defaultValue: null })) ?? null;
}
