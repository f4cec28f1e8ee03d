import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { genericErrorMessage } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { FavouritesClient } from '../../core/query-tool/favourites-client';
import {
  QUERY_KINDS,
  QUERY_KIND_LABELS,
  type HistoryEntryDto,
  type QueryKind,
} from '../../core/query-tool/query.model';
import { saveAsFavourite } from '../../core/query-tool/save-favourite';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { HistoryStore } from './data/history-store';
import {
  HISTORY_PAGE_SIZE,
  type HistoryQuery,
  historyQueryFromParams,
  historyQueryToParams,
} from './model/history-query';
import { HistoryTable } from './ui/history-table';

/**
 * `/history`: the queries the user ran with the query tool, newest first, a page at a time, of one kind or all (the
 * kind and page live in the URL). Run again opens the query page, which asks the API afresh; an entry can be saved as
 * a favourite or deleted, and the whole history cleared.
 */
@Component({
  selector: 'app-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    HistoryTable,
    MatButton,
    MatFormField,
    MatLabel,
    MatOption,
    MatPaginator,
    MatProgressBar,
    MatSelect,
    RouterLink,
  ],
  providers: [HistoryStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <div>
        <h1>History</h1>
        <p class="lead">The queries you ran, newest first. Only the queries are kept, never their results.</p>
      </div>
      <span class="spacer"></span>
      <button mat-stroked-button type="button" [disabled]="store.loading()" (click)="store.reload()">Refresh</button>
      <button
        mat-stroked-button
        type="button"
        class="clear"
        [disabled]="clearing.pending() || (store.loaded() && store.total() === 0 && !query().kind)"
        (click)="clearAll()"
      >
        Clear all
      </button>
    </div>

    @if (notice(); as notice) {
      <p class="app-notice" role="status">
        {{ notice.text }}
        @if (notice.favourites) {
          <a routerLink="/favourites">Open your favourites</a>
        }
      </p>
    }
    @if (actionError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }

    <div class="filters">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Kind</mat-label>
        <mat-select [value]="query().kind ?? ''" (selectionChange)="filter($event.value)">
          <mat-option value="">All kinds</mat-option>
          @for (kind of kinds; track kind) {
            <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (store.loaded() && store.total() > 0) {
        <p class="count" role="status">{{ countText() }}</p>
      }
    </div>

    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the history" />
    }
    @if (store.error(); as error) {
      <div class="app-alert inline" role="alert">
        <span>The history could not be loaded. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reload()">Try again</button>
      </div>
    } @else if (store.loaded()) {
      @if (store.entries().length === 0) {
        <div class="empty">
          <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M13 3a9 9 0 0 0-9 9H1l3.9 3.9L9 12H6a7 7 0 1 1 2.05 4.95l-1.42 1.42A9 9 0 1 0 13 3m-1 5v5l4.25 2.52.77-1.28-3.52-2.09V8z"
            />
          </svg>
          @if (query().page > 1) {
            <p>
              There are no entries on this page.
              <a [routerLink]="[]" [queryParams]="firstPageParams()">Go to the first page</a>
            </p>
          } @else if (query().kind; as kind) {
            <p>No {{ kindLabels[kind] }} queries in your history.</p>
          } @else {
            <p>
              No queries yet. The queries you run (on the <a routerLink="/operators">Operators</a> or
              <a routerLink="/modes">Modes</a> page, for example) appear here.
            </p>
          }
        </div>
      } @else {
        <app-history-table
          [entries]="store.entries()"
          [busyId]="busyId()"
          (saveFavourite)="saveFavourite($event)"
          (delete)="delete($event)"
        />
        @if (store.total() > pageSize) {
          <mat-paginator
            [length]="store.total()"
            [pageIndex]="query().page - 1"
            [pageSize]="pageSize"
            [hidePageSize]="true"
            [showFirstLastButtons]="true"
            (page)="changePage($event)"
            aria-label="History pages"
          />
        }
      }
    }
  `,
  styles: `
    .heading {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }

    .heading h1 {
      margin: 0;
    }

    .lead {
      margin: 0.25rem 0 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .spacer {
      flex: 1 1 auto;
    }

    .clear:not(:disabled) {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
      margin-block: 1.5rem 0.75rem;
    }

    .filters mat-form-field {
      width: 16rem;
    }

    .count {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }

    .empty {
      display: flex;
      gap: 1rem;
      align-items: center;
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }

    .empty p {
      margin: 0;
    }
  `,
})
export class HistoryPage {
  protected readonly store = inject(HistoryStore);
  private readonly favourites = inject(FavouritesClient);
  private readonly dialog = inject(MatDialog);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly query = computed(() => historyQueryFromParams(this.params()));
  protected readonly kinds = QUERY_KINDS;
  protected readonly kindLabels = QUERY_KIND_LABELS;
  protected readonly pageSize = HISTORY_PAGE_SIZE;
  protected readonly errorMessage = genericErrorMessage;

  protected readonly notice = signal<{ readonly text: string; readonly favourites?: boolean } | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly removing = createSubmission((id: string) => this.store.remove(id));
  protected readonly clearing = createSubmission(() => this.store.clear());
  protected readonly actionError = computed(() => {
    const error = this.removing.error() ?? this.clearing.error();
    return error ? `That did not work. ${genericErrorMessage(error)}` : null;
  });

  protected readonly countText = computed(() => {
    const total = this.store.total();
    const first = (this.query().page - 1) * HISTORY_PAGE_SIZE + 1;
    const last = first + this.store.entries().length - 1;
    const noun = total === 1 ? 'query' : 'queries';
    return total <= HISTORY_PAGE_SIZE ? `${total} ${noun}` : `${first}–${last} of ${total} ${noun}`;
  });
  protected readonly firstPageParams = computed(() => historyQueryToParams({ ...this.query(), page: 1 }));

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
  }

  protected filter(kind: QueryKind | ''): void {
    this.notice.set(null);
    this.navigate({ kind: kind === '' ? null : kind, page: 1 });
  }

  protected changePage(event: PageEvent): void {
    this.navigate({ ...this.query(), page: event.pageIndex + 1 });
  }

  protected async saveFavourite(entry: HistoryEntryDto): Promise<void> {
    this.notice.set(null);
    const saved = await saveAsFavourite(this.dialog, this.favourites, entry);
    if (saved) {
      this.notice.set({ text: `Saved “${saved.name}” to your favourites.`, favourites: true });
    }
  }

  protected async delete(entry: HistoryEntryDto): Promise<void> {
    this.notice.set(null);
    const lastOnPage = this.store.entries().length === 1 && this.query().page > 1;
    this.busyId.set(entry.id);
    const result = await this.removing.run(entry.id);
    this.busyId.set(null);
    if (!result.ok) {
      return;
    }
    this.notice.set({ text: `Deleted the ${QUERY_KIND_LABELS[entry.kind]} query from your history.` });
    if (lastOnPage) {
      this.navigate({ ...this.query(), page: this.query().page - 1 });
    } else {
      this.store.reload();
    }
  }

  protected async clearAll(): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: 'Clear your whole history?',
      message: 'Every query in your history is deleted, whatever the filter shows. Your favourites are kept.',
      confirmLabel: 'Clear all',
    });
    if (!confirmed) {
      return;
    }
    const result = await this.clearing.run(undefined);
    if (result.ok) {
      this.notice.set({ text: 'Your history is cleared.' });
      const first: HistoryQuery = { ...this.query(), page: 1 };
      if (this.query().page === 1) {
        this.store.reload();
      } else {
        this.navigate(first);
      }
    }
  }

  private navigate(query: HistoryQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: historyQueryToParams(query) });
  }
}
