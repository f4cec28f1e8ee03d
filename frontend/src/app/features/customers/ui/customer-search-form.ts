import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';

import { type CustomerSearchQuery, type SearchTermProblem, searchTermProblem } from '../model/customer-search-query';
import { type HostedOperator, MAX_SEARCH_LENGTH, MIN_SEARCH_LENGTH } from '../model/customers.model';

export interface CustomerSearchInput {
  /** '' = every operator. */
  readonly operatorId: string;
  readonly q: string;
}

export const SEARCH_TERM_MESSAGES: Readonly<Record<SearchTermProblem, string>> = {
  missing: 'Enter a name, email address or customer ID.',
  'too-short': `Enter at least ${MIN_SEARCH_LENGTH} characters.`,
  'too-long': `Enter at most ${MAX_SEARCH_LENGTH} characters.`,
};

function searchTermValidator(control: AbstractControl<string>): ValidationErrors | null {
  const problem = searchTermProblem(control.value ?? '');
  return problem ? { searchTerm: problem } : null;
}

/** "PSD Buses (029)". */
export function operatorLabel(operator: HostedOperator): string {
  return operator.name ? `${operator.name} (${operator.id})` : operator.id;
}

/**
 * The customer search form: the operator (a choice for admins, fixed for operator users) and the search term, checked
 * as it is typed. Presentational: shows `query`, emits a valid search.
 */
@Component({
  selector: 'app-customer-search-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" role="search" aria-label="Customer search" novalidate>
      <mat-form-field class="operator" subscriptSizing="dynamic">
        <mat-label>Operator</mat-label>
        <mat-select formControlName="operatorId">
          @if (fixedOperator(); as fixed) {
            <mat-option [value]="fixed.id">{{ label(fixed) }}</mat-option>
          } @else {
            <mat-option value="">All operators</mat-option>
            @for (operator of operators(); track operator.id) {
              <mat-option [value]="operator.id">{{ label(operator) }}</mat-option>
            }
          }
        </mat-select>
        @if (fixedOperator()) {
          <mat-hint>Your account's operator</mat-hint>
        }
      </mat-form-field>
      <mat-form-field class="term" subscriptSizing="dynamic">
        <mat-label>Name, email or customer ID</mat-label>
        <input matInput formControlName="q" type="search" autocomplete="off" [maxlength]="maxLength" />
        <mat-hint>At least {{ minLength }} characters: part of a name or email, or a whole customer ID</mat-hint>
        <mat-error>{{ termError() }}</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit" class="submit">Search</button>
    </form>
  `,
  styles: `
    form {
      display: grid;
      grid-template-columns: minmax(12rem, 18rem) minmax(14rem, 1fr) auto;
      gap: 0.5rem 1rem;
      align-items: start;
    }

    .submit {
      margin-block-start: 0.5rem;
      min-width: 7rem;
    }

    @media (max-width: 48rem) {
      form {
        grid-template-columns: 1fr;
      }

      .submit {
        justify-self: start;
      }
    }
  `,
})
export class CustomerSearchForm {
  /** The search in force (from the URL); the form shows it whenever it changes. */
  readonly query = input.required<CustomerSearchQuery>();
  readonly operators = input.required<readonly HostedOperator[]>();
  /** The operator user's own operator: the only choice. */
  readonly fixedOperator = input<HostedOperator | null>(null);
  readonly searched = output<CustomerSearchInput>();

  protected readonly minLength = MIN_SEARCH_LENGTH;
  protected readonly maxLength = MAX_SEARCH_LENGTH;
  protected readonly label = operatorLabel;

  protected readonly form = new FormGroup({
    operatorId: new FormControl('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true, validators: [searchTermValidator] }),
  });

  /** Only the id: the operator's name arriving later must not reset what is being typed. */
  private readonly fixedOperatorId = computed(() => this.fixedOperator()?.id ?? null);

  constructor() {
    effect(() => {
      const query = this.query();
      const fixedId = this.fixedOperatorId();
      this.form.reset({ operatorId: fixedId ?? query.operatorId, q: query.q });
      if (fixedId === null) {
        this.form.controls.operatorId.enable();
      } else {
        this.form.controls.operatorId.disable();
      }
      if (query.q && searchTermProblem(query.q)) {
        // A hand-made URL with a bad term: say what is wrong at once.
        this.form.controls.q.markAsTouched();
      }
    });
  }

  /** The message for the term's problem (the form field shows it once the field was left or the form sent). */
  protected termError(): string {
    const problem = this.form.controls.q.errors?.['searchTerm'] as SearchTermProblem | undefined;
    return problem ? SEARCH_TERM_MESSAGES[problem] : '';
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.controls.q.markAsTouched();
      return;
    }
    const { operatorId, q } = this.form.getRawValue();
    this.searched.emit({ operatorId, q: q.trim() });
  }
}
