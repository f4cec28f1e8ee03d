import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { FavouritesClient } from '../../core/query-tool/favourites-client';
import { isQueryRun } from '../../core/query-tool/query-run';
import { normaliseParams } from '../../core/query-tool/query.model';
import { saveAsFavourite } from '../../core/query-tool/save-favourite';
import { CustomersStore } from './data/customers-store';
import {
  type CustomerSearchQuery,
  nextSearchPage,
  previousSearchPage,
  sameSearch,
  searchPageNumber,
  searchQueryFromParams,
  searchQueryToParams,
  searchTermProblem,
} from './model/customer-search-query';
import { customersErrorMessage } from './model/customers-messages';
import { type CustomerSummaryDto, type HostedOperator, SEARCH_PAGE_SIZE } from './model/customers.model';
import { type CustomerSearchInput, CustomerSearchForm, operatorLabel } from './ui/customer-search-form';
import { CustomersTable } from './ui/customers-table';

/**
 * `/customers`: find a customer account. The URL is the source of truth (`operatorId`, `q` and the trail of page
 * cursors), so a search can be reloaded and shared; the form and the pager only navigate. Admins search every
 * hosted operator or one; operator users always search their own operator, whatever the URL says.
 */
@Component({
  selector: 'app-customer-search-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CustomerSearchForm, CustomersTable, MatButton, MatProgressBar, RouterLink],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <h1>Customers</h1>
      <p class="lead">Find a customer account by name, email address or customer ID.</p>
    </div>

    <div class="search-panel">
      <app-customer-search-form
        [query]="query()"
        [operators]="store.operators()"
        [fixedOperator]="fixedOperator()"
        (searched)="search($event)"
      />
    </div>
    @if (isAdmin() && store.operatorsError()) {
      <div class="app-alert inline" role="alert">
        <span>The operator list could not be loaded; you can still search all operators.</span>
        <button mat-stroked-button type="button" (click)="store.reloadOperators()">Try again</button>
      </div>
    }

    @if (savedName(); as name) {
      <p class="app-notice" role="status">Saved “{{ name }}” to your <a routerLink="/favourites">favourites</a>.</p>
    }

    <section class="results" aria-labelledby="results-heading">
      <div class="results-bar">
        <h2 id="results-heading">Results</h2>
        @if (searching() && store.resultsLoaded()) {
          <p class="count" role="status">{{ countText() }}</p>
        }
        @if (searching()) {
          <span class="spacer"></span>
          <button mat-stroked-button type="button" (click)="saveFavourite()">Save as favourite</button>
        }
      </div>

      @if (!searching()) {
        <div class="placeholder">
          <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14"
            />
          </svg>
          <p>Enter at least three characters of a name or email address, or a whole customer ID, and choose Search.</p>
        </div>
      } @else {
        @if (store.resultsLoading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Searching customers" />
        }
        @if (store.resultsError(); as error) {
          <div class="app-alert inline" role="alert">
            <span>The search failed. {{ errorMessage(error) }}</span>
            @if (error.code === 'INVALID_CURSOR') {
              <button mat-stroked-button type="button" (click)="firstPage()">Go to the first page</button>
            } @else {
              <button mat-stroked-button type="button" (click)="store.reloadResults()">Try again</button>
            }
          </div>
        } @else if (store.resultsLoaded()) {
          @if (store.results().length === 0 && pageNumber() === 1) {
            <p class="placeholder">No customers match “{{ query().q }}”{{ scopeText() }}.</p>
          } @else {
            @if (store.results().length > 0) {
              <app-customers-table [customers]="store.results()" (opened)="open($event)" />
            } @else {
              <p class="placeholder">There are no more customers. Go back to the previous page.</p>
            }
            @if (pageNumber() > 1 || store.nextCursor()) {
              <nav class="pager" aria-label="Result pages">
                <span class="page">Page {{ pageNumber() }}</span>
                <button mat-stroked-button type="button" [disabled]="pageNumber() === 1" (click)="previous()">
                  Previous
                </button>
                <button mat-stroked-button type="button" [disabled]="!store.nextCursor()" (click)="next()">Next</button>
              </nav>
            }
          }
        }
      }
    </section>
  `,
  styles: `
    .heading h1 {
      margin: 0;
    }

    .lead {
      margin: 0.25rem 0 1.25rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-large);
    }

    .search-panel {
      padding: 1.25rem 1.5rem 1rem;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }

    .results {
      margin-block-start: 1.5rem;
    }

    .results-bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: baseline;
      margin-block-end: 0.5rem;
    }

    .results-bar h2 {
      margin: 0;
    }

    .spacer {
      flex: 1 1 auto;
    }

    .count {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .placeholder {
      display: flex;
      gap: 1rem;
      align-items: center;
      margin: 0;
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }

    .placeholder p {
      margin: 0;
    }

    .pager {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      justify-content: flex-end;
      padding-block: 0.75rem;
    }

    .page {
      margin-inline-end: 0.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class CustomerSearchPage {
  protected readonly store = inject(CustomersStore);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly favourites = inject(FavouritesClient);
  /** The name of the favourite saved last from this page. */
  protected readonly savedName = signal<string | null>(null);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  /** An operator user's own operator (the only one it may search); null for admins. */
  private readonly ownOperatorId = computed(() => {
    const user = this.auth.user();
    return user?.role === 'operator' ? (user.operatorId ?? '') : null;
  });
  protected readonly fixedOperator = computed<HostedOperator | null>(() => {
    const id = this.ownOperatorId();
    if (id === null) {
      return null;
    }
    return this.store.operators().find((operator) => operator.id === id) ?? { id, name: '' };
  });

  /** The search the URL describes, with an operator user's operator in force. */
  protected readonly query = computed<CustomerSearchQuery>(() => {
    const query = searchQueryFromParams(this.params());
    const own = this.ownOperatorId();
    return own === null ? query : { ...query, operatorId: own };
  });
  /** Whether the URL's term can be searched (the form says what is wrong otherwise). */
  protected readonly searching = computed(() => searchTermProblem(this.query().q) === null);
  protected readonly pageNumber = computed(() => searchPageNumber(this.query()));
  protected readonly errorMessage = customersErrorMessage;

  protected readonly countText = computed(() => {
    const count = this.store.results().length;
    const page = this.pageNumber();
    if (page === 1 && !this.store.nextCursor()) {
      return `${count} ${count === 1 ? 'customer' : 'customers'} found`;
    }
    const first = (page - 1) * SEARCH_PAGE_SIZE + 1;
    return count === 0 ? 'No more customers' : `Customers ${first}–${first + count - 1}`;
  });

  protected readonly scopeText = computed(() => {
    const id = this.query().operatorId;
    if (!id) {
      return '';
    }
    const operator = this.store.operators().find((item) => item.id === id);
    return ` at ${operator ? operatorLabel(operator) : id}`;
  });

  constructor() {
    this.store.loadOperators();
    // A run from History or Favourites asks afresh, even when the store holds this search's answer.
    let fresh = isQueryRun(this.router);
    effect(() => {
      const query = this.query();
      const searchable = this.searching();
      untracked(() => this.store.search(searchable ? query : undefined, { fresh }));
      fresh = false;
    });
  }

  protected search(input: CustomerSearchInput): void {
    const next: CustomerSearchQuery = { operatorId: input.operatorId, q: input.q, cursors: [] };
    if (sameSearch(next, this.query()) && this.searching()) {
      // The same URL: the router would ignore it, but the user asked to search again.
      this.store.reloadResults();
      return;
    }
    this.navigate(next);
  }

  protected next(): void {
    const cursor = this.store.nextCursor();
    if (cursor) {
      this.navigate(nextSearchPage(this.query(), cursor));
    }
  }

  protected previous(): void {
    this.navigate(previousSearchPage(this.query()));
  }

  protected firstPage(): void {
    this.navigate({ ...this.query(), cursors: [] });
  }

  /** Saves the search (operator and term; never a page cursor) as a favourite. */
  protected async saveFavourite(): Promise<void> {
    const { operatorId, q } = this.query();
    const params = normaliseParams({ operatorId, q });
    const saved = await saveAsFavourite(this.dialog, this.favourites, { kind: 'customers', params });
    if (saved) {
      this.savedName.set(saved.name);
    }
  }

  protected open(customer: CustomerSummaryDto): void {
    void this.router.navigate(['/customers', customer.operatorId, customer.customerId]);
  }

  private navigate(query: CustomerSearchQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: searchQueryToParams(query) });
  }
}
