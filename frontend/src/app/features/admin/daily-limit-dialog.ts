import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { type AbstractControl, FormControl, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
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
import { firstValueFrom } from 'rxjs';

import { createSubmission } from '../../core/http/submission';
import { adminErrorMessage } from './model/admin-messages';
import { type ApiClientDto, MAX_DAILY_LIMIT } from './model/admin.model';

export interface DailyLimitDialogData {
  readonly client: ApiClientDto;
  /** Saves the limit (null: the default); the dialog closes with the updated client. */
  readonly submit: (dailyLimit: number | null) => Promise<ApiClientDto>;
}

/** Empty, or a whole number from 1 to {@link MAX_DAILY_LIMIT}. */
function dailyLimit(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').trim();
  if (value === '') {
    return null;
  }
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_DAILY_LIMIT ? null : { range: true };
}

/** Changes one API client's daily request budget. */
@Component({
  selector: 'app-daily-limit-dialog',
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
  ],
  template: `
    <h2 mat-dialog-title>Daily limit of {{ data.client.name }}</h2>
    <form
      (submit)="$event.preventDefault(); save()"
      novalidate
      [attr.aria-label]="'Daily limit of ' + data.client.name"
    >
      <mat-dialog-content>
        <p class="lead">
          How many requests the client may send per day (UTC), across the whole API. It applies from its next request.
        </p>
        <mat-form-field class="limit">
          <mat-label>Requests per day</mat-label>
          <input matInput [formControl]="limit" inputmode="numeric" autocomplete="off" />
          @if (limit.hasError('range')) {
            <mat-error>Enter a whole number from 1 to {{ max.toLocaleString() }}, or leave it empty.</mat-error>
          } @else {
            <mat-hint>Leave empty for the default daily limit of API clients.</mat-hint>
          }
        </mat-form-field>
        @if (failure(); as failure) {
          <p class="app-alert" role="alert">{{ failure }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="null">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving.pending()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .lead {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .limit {
      width: 100%;
    }
  `,
})
export class DailyLimitDialog {
  protected readonly data = inject<DailyLimitDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DailyLimitDialog, ApiClientDto | null>>(MatDialogRef);

  protected readonly max = MAX_DAILY_LIMIT;
  protected readonly limit = new FormControl(
    this.data.client.dailyLimit === null ? '' : String(this.data.client.dailyLimit),
    { nonNullable: true, validators: dailyLimit },
  );
  protected readonly saving = createSubmission((value: number | null) => this.data.submit(value));
  protected readonly failure = computed(() => {
    const error = this.saving.error();
    return error && error.code !== 'ALREADY_PENDING' ? adminErrorMessage(error) : null;
  });

  protected async save(): Promise<void> {
    this.limit.markAsTouched();
    if (this.limit.invalid) {
      return;
    }
    const text = this.limit.value.trim();
    const result = await this.saving.run(text === '' ? null : Number(text));
    if (result.ok) {
      this.dialogRef.close(result.value);
    }
  }
}

/** Opens a {@link DailyLimitDialog}; resolves to the updated client, or null when the user cancelled. */
export async function askDailyLimit(dialog: MatDialog, data: DailyLimitDialogData): Promise<ApiClientDto | null> {
  const ref = dialog.open<DailyLimitDialog, DailyLimitDialogData, ApiClientDto | null>(DailyLimitDialog, {
    data,
    autoFocus: 'first-tabbable',
    width: '32rem',
    maxWidth: '95vw',
  });
  return (await firstValueFrom(ref.afterClosed(), { defaultValue: null })) ?? null;
}
