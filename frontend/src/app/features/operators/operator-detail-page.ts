import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { navigationNotice } from '../../shared/navigation/navigation-notice';
import { OperatorsStore } from './data/operators-store';
import { canEditOperator } from './model/operator-permissions';
import { operatorsErrorMessage } from './model/operators-messages';
import { OPERATOR_KIND_LABELS } from './model/operators.model';
import { ExternalLink } from './ui/external-link';

export const OPERATOR_ID_PATTERN = /^\d{3}$/;

/** `/operators/:id`: every field of one operator; "Edit" for those who may. */
@Component({
  selector: 'app-operator-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ExternalLink, MatButton, MatProgressBar, RouterLink],
  host: { class: 'app-page' },
  template: `
    <p><a routerLink="/operators">← Back to the operators</a></p>
    @if (notice; as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (notFound()) {
      <h1>Operator not found</h1>
      <p role="alert">There is no operator with ID {{ id() }}.</p>
    } @else if (store.operatorError(); as error) {
      <h1>Operator {{ id() }}</h1>
      <div class="app-alert" role="alert">
        The operator could not be loaded. {{ errorMessage(error) }}
        <button mat-stroked-button type="button" (click)="store.reloadOperator()">Try again</button>
      </div>
    } @else if (operator(); as operator) {
      <div class="heading">
        <h1>{{ operator.name }}</h1>
        @if (canEdit()) {
          <a mat-flat-button [routerLink]="['/operators', operator.id, 'edit']">Edit</a>
        }
      </div>
      <dl>
        <dt>ID</dt>
        <dd>{{ operator.id }}</dd>
        <dt>Kind</dt>
        <dd>{{ kindLabels[operator.kind] ?? operator.kind }}</dd>
        <dt>Homepage</dt>
        <dd><app-external-link [url]="operator.homepage" /></dd>
        <dt>Customer-account URL</dt>
        <dd><app-external-link [url]="operator.customerAccountUrl" /></dd>
        <dt>Email</dt>
        <dd>
          @if (operator.email) {
            <a [href]="'mailto:' + operator.email">{{ operator.email }}</a>
          } @else {
            —
          }
        </dd>
        <dt>Phone</dt>
        <dd>{{ operator.phone || '—' }}</dd>
        <dt>Default language</dt>
        <dd>{{ operator.defaultLanguage }}</dd>
        <dt>Last updated</dt>
        <dd>{{ operator.updatedAt | date: 'medium' }}</dd>
      </dl>

      <h2 id="modes-heading">Modes</h2>
      @if (operator.modes.length > 0) {
        <ul aria-labelledby="modes-heading">
          @for (mode of operator.modes; track mode.id) {
            <li>{{ mode.shortDesc }} ({{ mode.id }})</li>
          }
        </ul>
      } @else {
        <p>No modes.</p>
      }

      <h2 id="mipta-heading">MIPTA URLs</h2>
      @if (operator.miptaUrls.length > 0) {
        <ul aria-labelledby="mipta-heading">
          @for (url of operator.miptaUrls; track $index) {
            <li><app-external-link [url]="url" /></li>
          }
        </ul>
      } @else {
        <p>No MIPTA URLs.</p>
      }
    } @else {
      <h1>Operator {{ id() }}</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Loading the operator" />
    }
  `,
  styles: `
    .heading {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-block-end: 1rem;
    }

    .heading h1 {
      margin: 0;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.5rem 1.5rem;
      margin: 0;
    }

    dt {
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
    }

    dd {
      margin: 0;
      overflow-wrap: break-word;
    }
  `,
})
export class OperatorDetailPage {
  /** The route's `:id` (component input binding). */
  readonly id = input.required<string>();

  protected readonly store = inject(OperatorsStore);
  private readonly auth = inject(AuthStore);
  /** "Saved the changes." after an edit. */
  protected readonly notice = navigationNotice(inject(Router));

  private readonly validId = computed(() => OPERATOR_ID_PATTERN.test(this.id()));
  protected readonly operator = computed(() => {
    const operator = this.store.operator();
    return operator?.id === this.id() ? operator : null;
  });
  protected readonly notFound = computed(
    () => !this.validId() || this.store.operatorError()?.code === 'OPERATOR_NOT_FOUND',
  );
  protected readonly canEdit = computed(() => canEditOperator(this.auth.user(), this.id()));
  protected readonly kindLabels: Partial<Record<string, string>> = OPERATOR_KIND_LABELS;
  protected readonly errorMessage = operatorsErrorMessage;

  constructor() {
    effect(() => {
      const id = this.validId() ? this.id() : undefined;
      untracked(() => this.store.select(id));
    });
  }
}
