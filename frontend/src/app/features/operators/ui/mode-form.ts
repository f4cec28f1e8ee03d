import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { FormValidators } from '../../../shared/forms/validators';
import { isThreeDigitId, textRule } from '../model/operator-validation';
import { type CreateModeRequest, type ModeDto } from '../model/operators.model';

/** Creates a mode, or edits one's descriptions (`mode` set). Presentational. */
@Component({
  selector: 'app-mode-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="label()">
      <mat-form-field>
        <mat-label>Mode ID</mat-label>
        <input matInput formControlName="id" autocomplete="off" inputmode="numeric" maxlength="3" />
        <mat-hint>3 digits, e.g. 017</mat-hint>
        @if (form.controls.id.hasError('required')) {
          <mat-error>Enter the mode ID.</mat-error>
        } @else {
          <mat-error>Enter 3 digits, e.g. 017.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Short description</mat-label>
        <input matInput formControlName="shortDesc" autocomplete="off" />
        <mat-error>Enter a short description.</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Long description</mat-label>
        <textarea matInput formControlName="longDesc" rows="3"></textarea>
        <mat-error>Enter a long description.</mat-error>
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">{{ mode() ? 'Save mode' : 'Create mode' }}</button>
        @if (mode()) {
          <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        }
      </div>
    </form>
  `,
})
export class ModeForm {
  readonly mode = input<ModeDto | null>(null);
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<CreateModeRequest>();
  readonly cancelled = output();

  protected readonly label = computed(() => {
    const mode = this.mode();
    return mode ? `Edit mode ${mode.shortDesc}` : 'New mode';
  });
  protected readonly form = new FormGroup({
    id: new FormControl('', {
      nonNullable: true,
      validators: [FormValidators.required, textRule('modeId', isThreeDigitId)],
    }),
    shortDesc: new FormControl('', { nonNullable: true, validators: [FormValidators.required] }),
    longDesc: new FormControl('', { nonNullable: true, validators: [FormValidators.required] }),
  });

  constructor() {
    effect(() => {
      const mode = this.mode();
      this.form.reset(mode ? { ...mode } : {});
      if (mode) {
        this.form.controls.id.disable();
      } else {
        this.form.controls.id.enable();
      }
    });
  }

  /** Empties the form (after a mode was created). */
  clear(): void {
    this.form.reset();
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { id, shortDesc, longDesc } = this.form.getRawValue();
    this.submitted.emit({ id: id.trim(), shortDesc: shortDesc.trim(), longDesc: longDesc.trim() });
  }
}
