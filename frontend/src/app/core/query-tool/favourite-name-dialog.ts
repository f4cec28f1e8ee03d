import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
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

import { type ApiError, genericErrorMessage } from '../http/api-error';
import { createSubmission } from '../http/submission';
import { FAVOURITE_LIMIT, FAVOURITE_NAME_TAKEN, type FavouriteDto, MAX_FAVOURITE_NAME_LENGTH } from './query.model';

export interface FavouriteNameDialogData {
  /** "Save as favourite", "Rename favourite". */
  readonly title: string;
  /** The query in words (kind and summary), shown under the title. */
  readonly description: string;
  readonly initialName: string;
  /** "Save", "Rename". */
  readonly confirmLabel: string;
  /** Saves under `name`; a 409 FAVOURITE_NAME_TAKEN keeps the dialog open with the reason beside the field. */
  readonly submit: (name: string) => Promise<FavouriteDto>;
}

function trimmedName(control: { readonly value: string }): ValidationErrors | null {
  const name = control.value.trim();
  if (name === '') {
    return { required: true };
  }
  return name.length > MAX_FAVOURITE_NAME_LENGTH ? { tooLong: true } : null;
}

/** A failure other than a taken name, in words. */
function failureMessage(error: ApiError): string {
  if (error.code === FAVOURITE_LIMIT) {
    return 'You have as many favourites as there can be. Delete one you no longer need, then try again.';
  }
  if (error.code === 'VALIDATION_FAILED') {
    return 'This query cannot be saved as a favourite: the server did not accept its parameters.';
  }
  return genericErrorMessage(error);
}

/**
 * Asks for a favourite's name and saves it (through `data.submit`). A name the user already gave another favourite
 * is refused by the server (409) and said beside the field, and the dialog stays open; it closes with the saved
 * favourite.
 */
@Component({
  selector: 'app-favourite-name-dialog',
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
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate [attr.aria-label]="data.title">
      <mat-dialog-content>
        <p class="query">{{ data.description }}</p>
        <mat-form-field class="name" subscriptSizing="dynamic">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="off" [maxlength]="maxLength" />
          <mat-hint align="end">{{ name.value.length }} / {{ maxLength }}</mat-hint>
          @if (name.hasError('taken')) {
            <mat-error>You already have a favourite called “{{ takenName() }}”. Choose another name.</mat-error>
          } @else if (name.hasError('tooLong')) {
            <mat-error>Use at most {{ maxLength }} characters.</mat-error>
          } @else {
            <mat-error>Enter a name.</mat-error>
          }
        </mat-form-field>
        @if (failure(); as failure) {
          <p class="app-alert" role="alert">{{ failure }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="null">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving.pending()">{{ data.confirmLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .query {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }

    .name {
      width: 100%;
      min-width: min(28rem, 70vw);
    }
  `,
})
export class FavouriteNameDialog {
  protected readonly data = inject<FavouriteNameDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<FavouriteNameDialog, FavouriteDto | null>>(MatDialogRef);

  protected readonly maxLength = MAX_FAVOURITE_NAME_LENGTH;
  protected readonly form = new FormGroup({
    name: new FormControl(this.data.initialName, { nonNullable: true, validators: [trimmedName] }),
  });
  protected readonly name = this.form.controls.name;
  protected readonly saving = createSubmission((name: string) => this.data.submit(name));
  /** The name the server refused as taken (the field may have changed since). */
  protected readonly takenName = signal('');
  protected readonly failure = computed(() => {
    const error = this.saving.error();
    return error && error.code !== FAVOURITE_NAME_TAKEN && error.code !== 'ALREADY_PENDING'
      ? failureMessage(error)
      : null;
  });

  protected async save(): Promise<void> {
    this.name.markAsTouched();
    if (this.name.invalid) {
      return;
    }
    const name = this.name.value.trim();
    const result = await this.saving.run(name);
    if (result.ok) {
      this.dialogRef.close(result.value);
    } else if (result.error.code === FAVOURITE_NAME_TAKEN) {
      this.name.setErrors({ taken: true });
      this.takenName.set(name);
    }
  }
}

/** Opens a {@link FavouriteNameDialog}; resolves to the saved favourite, or null when the user cancelled. */
export async function askFavouriteName(dialog: MatDialog, data: FavouriteNameDialogData): Promise<FavouriteDto | null> {
  const ref = dialog.open<FavouriteNameDialog, FavouriteNameDialogData, FavouriteDto | null>(FavouriteNameDialog, {
    data,
    autoFocus: 'first-tabbable',
    width: '34rem',
    maxWidth: '95vw',
  });
  return (await firstValueFrom(ref.afterClosed(), { defaultValue: null })) ?? null;
}
