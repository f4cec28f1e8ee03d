import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { type ErrorStateMatcher } from '@angular/material/core';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { isReversedWindow } from '../model/customer-records-query';

export interface DateWindow {
  /** 'YYYY-MM-DD' or ''. */
  readonly from: string;
  readonly to: string;
}

export const REVERSED_WINDOW_MESSAGE = 'The end date must be on or after the start date.';

function windowValidator(group: AbstractControl): ValidationErrors | null {
  const { from, to } = group.value as DateWindow;
  return isReversedWindow(from ?? '', to ?? '') ? { reversedWindow: true } : null;
}

/** Shows the window error on the "To" field as soon as either date was changed (or the form was sent). */
const reversedWindowMatcher: ErrorStateMatcher = {
  isErrorState: (control, form) =>
    !!control?.parent?.hasError('reversedWindow') && (control.parent.dirty || !!form?.submitted),
};

/**
 * The date window of a customer's records: from and to (either may be open), with from ≤ to checked as the dates are
 * picked. Presentational: shows `window`, emits a valid window.
 */
@Component({
  selector: 'app-records-window-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" [attr.aria-label]="label()" novalidate>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input matInput type="date" formControlName="to" [errorStateMatcher]="matcher" />
        <mat-error>{{ reversedMessage }}</mat-error>
      </mat-form-field>
      <div class="actions">
        <button mat-flat-button type="submit">Apply</button>
        <button mat-button type="button" [disabled]="!window().from && !window().to" (click)="cleared.emit()">
          Clear dates
        </button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: flex-start;
    }

    mat-form-field {
      width: 11.5rem;
    }

    .actions {
      display: flex;
      gap: 0.5rem;
      padding-block-start: 0.5rem;
    }
  `,
})
export class RecordsWindowForm {
  /** The window in force (from the URL). */
  readonly window = input.required<DateWindow>();
  /** The form's accessible name. */
  readonly label = input('Date window');
  readonly applied = output<DateWindow>();
  readonly cleared = output();

  protected readonly reversedMessage = REVERSED_WINDOW_MESSAGE;
  protected readonly matcher = reversedWindowMatcher;
  protected readonly form = new FormGroup(
    {
      from: new FormControl('', { nonNullable: true }),
      to: new FormControl('', { nonNullable: true }),
    },
    { validators: windowValidator },
  );

  constructor() {
    effect(() => {
      const { from, to } = this.window();
      this.form.reset({ from, to });
      if (isReversedWindow(from, to)) {
        // A hand-made URL the wrong way round: say so at once.
        this.form.markAsDirty();
      }
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAsDirty();
      return;
    }
    this.applied.emit(this.form.getRawValue());
  }
}
