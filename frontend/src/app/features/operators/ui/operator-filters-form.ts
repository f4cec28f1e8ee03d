import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';

import { type ModeDto, type OperatorFilters } from '../model/operators.model';

function text(): FormControl<string> {
  return new FormControl('', { nonNullable: true });
}

/** Every filter of the operator query, combined. Presentational: shows `filters`, emits what the user asks for. */
@Component({
  selector: 'app-operator-filters-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatHint, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" role="search" aria-label="Operator filters">
      <div class="fields">
        <mat-form-field>
          <mat-label>Name contains</mat-label>
          <input matInput formControlName="q" type="search" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Operator ID</mat-label>
          <input matInput formControlName="id" autocomplete="off" inputmode="numeric" maxlength="3" />
          <mat-hint>3 digits, e.g. 019</mat-hint>
        </mat-form-field>
        <mat-form-field class="modes">
          <mat-label>Modes</mat-label>
          <mat-select formControlName="modes" multiple>
            @for (mode of modes(); track mode.id) {
              <mat-option [value]="mode.id">{{ mode.shortDesc }}</mat-option>
            }
          </mat-select>
          <mat-hint>Runs all chosen modes</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Email</mat-label>
          <input matInput formControlName="email" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Phone</mat-label>
          <input matInput formControlName="phone" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Homepage</mat-label>
          <input matInput formControlName="homepage" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Language</mat-label>
          <input matInput formControlName="language" autocomplete="off" maxlength="2" />
          <mat-hint>ISO 639-1, e.g. en</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>MIPTA URL</mat-label>
          <input matInput formControlName="mipta" autocomplete="off" />
        </mat-form-field>
      </div>
      <div class="app-form-actions">
        <button mat-flat-button type="submit">Search</button>
        <button mat-stroked-button type="button" (click)="clear()">Clear</button>
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
  `,
})
export class OperatorFiltersForm {
  /** The filters in force (from the URL); the form shows them whenever they change. */
  readonly filters = input.required<OperatorFilters>();
  readonly modes = input.required<readonly ModeDto[]>();
  readonly searched = output<OperatorFilters>();
  readonly cleared = output();

  protected readonly form = new FormGroup({
    q: text(),
    id: text(),
    modes: new FormControl<string[]>([], { nonNullable: true }),
    email: text(),
    phone: text(),
    homepage: text(),
    language: text(),
    mipta: text(),
  });

  constructor() {
    effect(() => {
      const filters = this.filters();
      this.form.reset({ ...filters, modes: [...filters.modes] });
    });
  }

  protected submit(): void {
    this.searched.emit(this.form.getRawValue());
  }

  protected clear(): void {
    this.cleared.emit();
  }
}
