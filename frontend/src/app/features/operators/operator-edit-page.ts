import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { FORBIDDEN_PATH } from '../../core/auth/auth.guards';
import { createSubmission } from '../../core/http/submission';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { OperatorsStore } from './data/operators-store';
import { type OperatorFormValue, createRequestOf, operatorChanges } from './model/operator-changes';
import { ADMIN_FIELDS, editableOperatorFields } from './model/operator-permissions';
import { isThreeDigitId } from './model/operator-validation';
import { fieldErrorsOf, operatorsErrorMessage } from './model/operators-messages';
import { type OperatorDto, type OperatorField } from './model/operators.model';
import { OperatorForm } from './ui/operator-form';

/**
 * `/operators/new` (admins) and `/operators/:id/edit` (admins: every field but the id; an operator user: its own
 * operator's contact details, language, modes and URLs). The routes' guards keep everyone else out; the server
 * decides in the end, and a 403 leads to the "Not allowed" page.
 */
@Component({
  selector: 'app-operator-edit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar, OperatorForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    @if (!id()) {
      <p><a routerLink="/operators">← Back to the operators</a></p>
      <h1>New operator</h1>
      <app-operator-form
        [modes]="store.modes()"
        [editable]="editable()"
        [fieldErrors]="fieldErrors()"
        [pending]="save.pending()"
        [error]="saveError()"
        (submitted)="create($event)"
        (cancelled)="leave()"
      />
    } @else if (notFound()) {
      <h1>Operator not found</h1>
      <p role="alert">There is no operator with ID {{ id() }}.</p>
      <p><a routerLink="/operators">Back to the operators</a></p>
    } @else if (store.operatorError(); as error) {
      <h1>Edit operator {{ id() }}</h1>
      <p class="app-alert" role="alert">The operator could not be loaded. {{ message(error) }}</p>
    } @else if (operator(); as operator) {
      <p>
        <a [routerLink]="['/operators', operator.id]">← Back to {{ operator.name }}</a>
      </p>
      <h1>Edit {{ operator.name }}</h1>
      @if (!isAdmin()) {
        <p>You can change the contact details, language, modes and URLs. Only an administrator can change the rest.</p>
      }
      <app-operator-form
        [operator]="operator"
        [modes]="store.modes()"
        [editable]="editable()"
        [fieldErrors]="fieldErrors()"
        [pending]="save.pending()"
        [error]="saveError()"
        (submitted)="update(operator, $event)"
        (cancelled)="leave()"
      />
      @if (isAdmin()) {
        <section aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete this operator</h2>
          <p>Deleting removes the operator from the directory and the OTI catalogue.</p>
          @if (removeError(); as error) {
            <p class="app-alert" role="alert">{{ error }}</p>
          }
          <button mat-stroked-button type="button" [disabled]="remove.pending()" (click)="delete(operator)">
            Delete operator
          </button>
        </section>
      }
    } @else {
      <h1>Edit operator {{ id() }}</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Loading the operator" />
    }
  `,
})
export class OperatorEditPage {
  /** The route's `:id`; undefined on `/operators/new`. */
  readonly id = input<string | undefined>(undefined);

  protected readonly store = inject(OperatorsStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly operator = computed(() => {
    const operator = this.store.operator();
    return operator && operator.id === this.id() ? operator : null;
  });
  protected readonly notFound = computed(() => {
    const id = this.id();
    return id !== undefined && (!isThreeDigitId(id) || this.store.operatorError()?.code === 'OPERATOR_NOT_FOUND');
  });
  /** Which fields this user may change here. */
  protected readonly editable = computed<ReadonlySet<OperatorField>>(() => {
    const id = this.id();
    if (id === undefined) {
      return new Set(this.isAdmin() ? ['id', ...ADMIN_FIELDS] : []);
    }
    return editableOperatorFields(this.auth.user(), id);
  });

  protected readonly save = createSubmission(
    (args: { readonly value: OperatorFormValue; readonly original?: OperatorDto }) =>
      args.original
        ? this.store.updateOperator(args.original.id, operatorChanges(args.original, args.value, this.editable()))
        : this.store.createOperator(createRequestOf(args.value)),
  );
  protected readonly remove = createSubmission((id: string) => this.store.deleteOperator(id));

  protected readonly fieldErrors = computed(() => fieldErrorsOf(this.save.error()));
  protected readonly saveError = computed(() => {
    const error = this.save.error();
    return error ? operatorsErrorMessage(error) : null;
  });
  protected readonly removeError = computed(() => {
    const error = this.remove.error();
    return error ? operatorsErrorMessage(error) : null;
  });
  protected readonly message = operatorsErrorMessage;

  constructor() {
    this.store.loadModes();
    effect(() => {
      const id = this.id();
      untracked(() => this.store.select(id !== undefined && isThreeDigitId(id) ? id : undefined));
    });
  }

  protected async create(value: OperatorFormValue): Promise<void> {
    const result = await this.save.run({ value });
    if (result.ok) {
      void this.router.navigate(['/operators', result.value.id], {
        state: { notice: `Created ${result.value.name}.` },
      });
    }
  }

  protected async update(original: OperatorDto, value: OperatorFormValue): Promise<void> {
    if (Object.keys(operatorChanges(original, value, this.editable())).length === 0) {
      this.leave();
      return;
    }
    const result = await this.save.run({ value, original });
    if (result.ok) {
      void this.router.navigate(['/operators', original.id], { state: { notice: 'Saved the changes.' } });
    } else if (result.error.code === 'FORBIDDEN') {
      void this.router.navigateByUrl(FORBIDDEN_PATH);
    }
  }

  protected async delete(operator: OperatorDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Delete ${operator.name} (${operator.id})?`,
      message: 'The operator disappears from the directory and the OTI catalogue. This cannot be undone.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    const result = await this.remove.run(operator.id);
    if (result.ok) {
      void this.router.navigate(['/operators'], { state: { notice: `Deleted ${operator.name}.` } });
    }
  }

  protected leave(): void {
    const id = this.id();
    void this.router.navigate(id ? ['/operators', id] : ['/operators']);
  }
}
