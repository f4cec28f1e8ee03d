import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { ACTOR_KIND_LABELS, endOfMinute, fromLocalInput, toLocalInput } from '../model/audit-format';
import { type AuditFilters, isActorId, isAuditType, isRouteFilter } from '../model/audit-query';
import {
  ACTOR_KINDS,
  type ActorKind,
  EVENT_TYPE_SUGGESTIONS,
  STATUS_CLASSES,
  type StatusClass,
} from '../model/audit.model';
import { isIpAddress } from '../model/ip-address';

const STATUS_LABELS: Readonly<Record<StatusClass, string>> = {
  '2xx': '2xx success',
  '3xx': '3xx redirect',
  '4xx': '4xx client error',
  '5xx': '5xx server error',
};

function text(...validators: ValidatorFn[]): FormControl<string> {
  return new FormControl('', { nonNullable: true, validators });
}

function when(test: (value: string) => boolean, error: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = (control.value as string).trim();
    return value === '' || test(value) ? null : { [error]: true };
  };
}

/** `to` must not be before `from`. */
function ordered(group: AbstractControl): ValidationErrors | null {
  const { from, to } = group.value as { from: string; to: string };
  return from && to && new Date(to).getTime() < new Date(from).getTime() ? { order: true } : null;
}

/**
 * The audit log's filters. Presentational: shows `filters` (from the URL), emits the filters the user asks for.
 * Request id, entity and entity id are not edited here (the page shows them as removable chips) and pass through.
 */
@Component({
  selector: 'app-audit-filters-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatSuffix,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" role="search" aria-label="Audit log filters" novalidate>
      <div class="fields">
        <mat-form-field>
          <mat-label>From</mat-label>
          <input matInput type="datetime-local" formControlName="from" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>To</mat-label>
          <input matInput type="datetime-local" formControlName="to" />
          @if (form.hasError('order')) {
            <mat-hint class="error-hint" role="alert">Choose a time after From.</mat-hint>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Actor ID</mat-label>
          <input matInput formControlName="actor" autocomplete="off" spellcheck="false" />
          @if (currentUserId()) {
            <button mat-button matSuffix type="button" class="me" aria-label="Only my actions" (click)="onlyMine()">
              Me
            </button>
          }
          @if (form.controls.actor.hasError('actor')) {
            <mat-error>Enter a staff user or API client ID.</mat-error>
          } @else {
            <mat-hint>A staff user or API client</mat-hint>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Actor kind</mat-label>
          <select matNativeControl formControlName="actorKind">
            <option value="">Any</option>
            @for (kind of actorKinds; track kind) {
              <option [value]="kind">{{ actorKindLabels[kind] }}</option>
            }
          </select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>IP address</mat-label>
          <input matInput formControlName="ip" autocomplete="off" spellcheck="false" />
          @if (form.controls.ip.hasError('ip')) {
            <mat-error>Enter an IPv4 or IPv6 address.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <select matNativeControl formControlName="status">
            <option value="">Any</option>
            @for (status of statuses; track status) {
              <option [value]="status">{{ statusLabels[status] }}</option>
            }
          </select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Route or path contains</mat-label>
          <input matInput formControlName="route" autocomplete="off" spellcheck="false" />
          @if (form.controls.route.hasError('route')) {
            <mat-error>Use at most 300 characters.</mat-error>
          } @else {
            <mat-hint>e.g. /operators/:id or auth/login</mat-hint>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Event type</mat-label>
          <input matInput formControlName="type" autocomplete="off" spellcheck="false" [matAutocomplete]="types" />
          <mat-autocomplete #types="matAutocomplete">
            @for (suggestion of typeSuggestions; track suggestion.value) {
              <mat-option [value]="suggestion.value">
                <span class="type-value">{{ suggestion.value }}</span>
                <span class="type-label">{{ suggestion.label }}</span>
              </mat-option>
            }
          </mat-autocomplete>
          @if (form.controls.type.hasError('type')) {
            <mat-error>Enter request, an event type or a family such as auth.*</mat-error>
          } @else {
            <mat-hint>request, operator.updated, auth.*…</mat-hint>
          }
        </mat-form-field>
      </div>
      <div class="app-form-actions">
        <button mat-flat-button type="submit">Apply filters</button>
        <button mat-stroked-button type="button" (click)="cleared.emit()">Clear filters</button>
      </div>
    </form>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      column-gap: 1rem;
      row-gap: 0.5rem;
    }

    .error-hint {
      color: var(--mat-sys-error);
    }

    .me {
      margin-inline-end: 0.25rem;
    }

    .type-value {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      margin-inline-end: 0.75rem;
    }

    .type-label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AuditFiltersForm {
  /** The filters in force (from the URL); the form shows them whenever they change. */
  readonly filters = input.required<AuditFilters>();
  /** The signed-in admin, for "Me". */
  readonly currentUserId = input<string | null>(null);
  readonly searched = output<AuditFilters>();
  readonly cleared = output();

  protected readonly actorKinds = ACTOR_KINDS;
  protected readonly actorKindLabels = ACTOR_KIND_LABELS;
  protected readonly statuses = STATUS_CLASSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly typeSuggestions = EVENT_TYPE_SUGGESTIONS;

  protected readonly form = new FormGroup(
    {
      from: text(),
      to: text(),
      actor: text(when(isActorId, 'actor')),
      actorKind: new FormControl<ActorKind | ''>('', { nonNullable: true }),
      ip: text(when(isIpAddress, 'ip')),
      status: new FormControl<StatusClass | ''>('', { nonNullable: true }),
      route: text(when(isRouteFilter, 'route')),
      type: text(when(isAuditType, 'type')),
    },
    { validators: ordered },
  );

  constructor() {
    effect(() => {
      const filters = this.filters();
      this.form.reset({
        from: toLocalInput(filters.from),
        to: toLocalInput(filters.to),
        actor: filters.actor,
        actorKind: filters.actorKind ?? '',
        ip: filters.ip,
        status: filters.status ?? '',
        route: filters.route,
        type: filters.type,
      });
    });
  }

  protected onlyMine(): void {
    this.form.controls.actor.setValue(this.currentUserId() ?? '');
    this.form.controls.actorKind.setValue('');
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.searched.emit({
      ...this.filters(),
      from: fromLocalInput(value.from),
      to: endOfMinute(fromLocalInput(value.to)),
      actor: value.actor.trim(),
      actorKind: value.actorKind || null,
      ip: value.ip.trim(),
      status: value.status || null,
      route: value.route.trim(),
      type: value.type.trim(),
    });
  }
}
