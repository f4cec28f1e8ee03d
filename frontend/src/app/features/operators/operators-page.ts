import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { FavouritesClient } from '../../core/query-tool/favourites-client';
import { isQueryRun } from '../../core/query-tool/query-run';
import { normaliseParams } from '../../core/query-tool/query.model';
import { saveAsFavourite } from '../../core/query-tool/save-favourite';
import { navigationNotice } from '../../shared/navigation/navigation-notice';
import { saveFile } from '../../shared/browser/save-file';
import { OperatorsStore } from './data/operators-store';
import { filtersOf, queryFromParams, queryToParams, sameQuery } from './model/operators-query';
import { operatorsErrorMessage } from './model/operators-messages';
import {
  EMPTY_FILTERS,
  type ExportFormat,
  type OperatorFilters,
  type OperatorSort,
  type OperatorsQuery,
  PAGE_SIZE_OPTIONS,
} from './model/operators.model';
import { OperatorFiltersForm } from './ui/operator-filters-form';
import { OperatorsTable } from './ui/operators-table';

/** A query failure in words; bad filters name the fields the server complained about. */
function queryErrorMessage(error: ApiError): string {
  if (error.code === 'VALIDATION_FAILED') {
    const details = Array.isArray(error.details)
      ? (error.details as unknown[])
          .map((detail) => (detail as { message?: unknown }).message)
          .filter((message): message is string => typeof message === 'string')
      : [];
    return details.length > 0 ? `Check the filters: ${details.join('; ')}.` : 'Check the filters and try again.';
  }
  return operatorsErrorMessage(error);
}

/**
 * `/operators`: the operator query tool. The URL is the source of truth: its query parameters (filters, sort,
 * page) drive the request, and the form, the sort headers and the paginator only navigate. So a query can be
 * shared, bookmarked and reloaded.
 */
@Component({
  selector: 'app-operators-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatPaginator, MatProgressBar, OperatorFiltersForm, OperatorsTable, RouterLink],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <h1>Operators</h1>
      <span class="links">
        <a mat-button routerLink="/modes">Modes</a>
        @if (isAdmin()) {
          <a mat-stroked-button routerLink="/operators/new">New operator</a>
        }
      </span>
    </div>

    @if (notice; as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (savedName(); as name) {
      <p class="app-notice" role="status">Saved “{{ name }}” to your <a routerLink="/favourites">favourites</a>.</p>
    }
    <app-operator-filters-form
      [filters]="query()"
      [modes]="store.modes()"
      (searched)="search($event)"
      (cleared)="clear()"
    />
    @if (store.modesError()) {
      <p class="app-alert" role="alert">The modes could not be loaded; the Modes filter is empty.</p>
    }

    <section class="results" aria-labelledby="results-heading">
      <div class="results-bar">
        <h2 id="results-heading">Results</h2>
        @if (store.resultsLoaded()) {
          <p class="count" role="status">
            {{ store.total() }} {{ store.total() === 1 ? 'operator' : 'operators' }} found
          </p>
        }
        <span class="spacer"></span>
        <button mat-stroked-button type="button" (click)="saveFavourite()">Save as favourite</button>
        <button mat-stroked-button type="button" [disabled]="exporting.pending()" (click)="export('csv')">
          Export CSV
        </button>
        <button mat-stroked-button type="button" [disabled]="exporting.pending()" (click)="export('json')">
          Export JSON
        </button>
      </div>
      @if (exportError(); as error) {
        <p class="app-alert" role="alert">The export failed. {{ error }}</p>
      }

      @if (store.resultsLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading operators" />
      }

      @if (store.resultsError(); as error) {
        <div class="app-alert error" role="alert">
          <span>The operators could not be loaded. {{ errorMessage(error) }}</span>
          <button mat-stroked-button type="button" (click)="store.reloadResults()">Try again</button>
        </div>
      } @else if (store.resultsLoaded()) {
        @if (store.operators().length === 0) {
          <p class="empty">No operators match these filters.</p>
        } @else {
          <app-operators-table [operators]="store.operators()" [sort]="query().sort" (sortChange)="sort($event)" />
          <mat-paginator
            [length]="store.total()"
            [pageIndex]="query().page - 1"
            [pageSize]="query().pageSize"
            [pageSizeOptions]="pageSizeOptions"
            [showFirstLastButtons]="true"
            (page)="changePage($event)"
            aria-label="Operator result pages"
          />
        }
      }
    </section>
  `,
  styles: `
    .heading,
    .results-bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }

    .heading h1,
    .results-bar h2 {
      margin: 0;
    }

    .heading {
      margin-block-end: 1rem;
    }

    .links {
      display: flex;
      gap: 0.5rem;
    }

    .results {
      margin-block-start: 1rem;
    }

    .results-bar {
      margin-block-end: 0.5rem;
    }

    .count {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .spacer {
      flex: 1 1 auto;
    }

    .error {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
  `,
})
export class OperatorsPage {
  protected readonly store = inject(OperatorsStore);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly dialog = inject(MatDialog);
  private readonly favourites = inject(FavouritesClient);
  /** "Deleted …" after a deletion. */
  protected readonly notice = navigationNotice(this.router);
  /** The name of the favourite saved last from this page. */
  protected readonly savedName = signal<string | null>(null);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  /** The query the URL describes. */
  protected readonly query = computed(() => queryFromParams(this.params()));
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly errorMessage = queryErrorMessage;

  protected readonly exporting = createSubmission((format: ExportFormat) =>
    this.store.exportFile(filtersOf(this.query()), format),
  );
  protected readonly exportError = computed(() => {
    const error = this.exporting.error();
    return error ? operatorsErrorMessage(error) : null;
  });

  constructor() {
    this.store.loadModes();
    // A run from History or Favourites asks afresh, even when the store holds this query's answer.
    let fresh = isQueryRun(this.router);
    effect(() => {
      const query = this.query();
      untracked(() => this.store.search(query, { fresh }));
      fresh = false;
    });
  }

  protected search(filters: OperatorFilters): void {
    const next: OperatorsQuery = { ...this.query(), ...filtersOf(filters), page: 1 };
    if (sameQuery(next, this.query())) {
      // The same URL: the router would ignore it, but the user asked to search again.
      this.store.reloadResults();
      return;
    }
    this.navigate(next);
  }

  protected clear(): void {
    this.navigate({ ...this.query(), ...EMPTY_FILTERS, page: 1 });
  }

  protected sort(sort: OperatorSort): void {
    this.navigate({ ...this.query(), sort, page: 1 });
  }

  protected changePage(event: PageEvent): void {
    const pageSizeChanged = event.pageSize !== this.query().pageSize;
    this.navigate({ ...this.query(), page: pageSizeChanged ? 1 : event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected async export(format: ExportFormat): Promise<void> {
    const result = await this.exporting.run(format);
    if (result.ok) {
      saveFile(this.document, result.value.blob, result.value.filename);
    }
  }

  protected async saveFavourite(): Promise<void> {
    const params = normaliseParams(queryToParams(this.query()));
    const saved = await saveAsFavourite(this.dialog, this.favourites, { kind: 'operators', params });
    if (saved) {
      this.savedName.set(saved.name);
    }
  }

  private navigate(query: OperatorsQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: queryToParams(query) });
  }
}
