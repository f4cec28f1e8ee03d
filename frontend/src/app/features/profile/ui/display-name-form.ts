import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { FormValidators } from '../../../shared/forms/validators';
/** Edits the display name. Presentational. */
@Component({
  selector: 'app-display-name-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>Display name</mat-label>
        <input matInput formControlName="displayName" autocomplete="name" required />
        @if (form.controls.displayName.hasError('required')) {
          <mat-error>Enter the name other staff will see.</mat-error>
        }
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">Save name</button>
      </div>
    </form>
  `,
})
export class DisplayNameForm {
  readonly displayName = input.required<string>();
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', FormValidators.required],
  });

  constructor() {
    effect(() => {
      this.form.reset({ displayName: this.displayName() });
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.form.getRawValue().displayName.trim());
  }
}
