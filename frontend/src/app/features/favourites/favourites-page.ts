import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { genericErrorMessage } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { askFavouriteName } from '../../core/query-tool/favourite-name-dialog';
import { FAVOURITES_PAGE_SIZE } from '../../core/query-tool/favourites-client';
import { type FavouriteDto } from '../../core/query-tool/query.model';
import { describeQuery } from '../../core/query-tool/save-favourite';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { STAR_OUTLINE_ICON } from '../../shared/ui/icons';
import { FavouritesStore } from './data/favourites-store';
import { FavouritesTable } from './ui/favourites-table';

function pageFromParam(value: string | null): number {
  return value !== null && /^\d{1,6}$/.test(value) && Number(value) >= 1 ? Number(value) : 1;
}

/**
 * `/favourites`: the user's saved queries, by name. Run opens the favourite's own URL (`/favourites/{id}`), which
 * opens its query page and asks the API afresh; a favourite can be renamed or deleted. The page lives in the URL.
 */
@Component({
  selector: 'app-favourites-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FavouritesTable, MatButton, MatPaginator, MatProgressBar, RouterLink],
  providers: [FavouritesStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <h1>Favourites</h1>
    <p class="lead">Queries you saved to run again. Running one asks the server afresh, with what you may see now.</p>

    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (actionError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }

    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading your favourites" />
    }
    @if (store.error(); as error) {
      <div class="app-alert inline" role="alert">
        <span>Your favourites could not be loaded. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reload()">Try again</button>
      </div>
    } @else if (store.loaded()) {
      @if (store.favourites().length === 0) {
        <div class="empty">
          <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <path fill="currentColor" [attr.d]="starIcon" />
          </svg>
          @if (page() > 1) {
            <p>There are no favourites on this page. <a routerLink="/favourites">Go to the first page</a></p>
          } @else {
            <p>
              No favourites yet. Choose “Save as favourite” on a query page, or on an entry of your
              <a routerLink="/history">history</a>.
            </p>
          }
        </div>
      } @else {
        <app-favourites-table
          [favourites]="store.favourites()"
          [busyId]="busyId()"
          (rename)="rename($event)"
          (delete)="delete($event)"
        />
        @if (store.total() > pageSize) {
          <mat-paginator
            [length]="store.total()"
            [pageIndex]="page() - 1"
            [pageSize]="pageSize"
            [hidePageSize]="true"
            [showFirstLastButtons]="true"
            (page)="changePage($event)"
            aria-label="Favourite pages"
          />
        }
      }
    }
  `,
  styles: `
    h1 {
      margin: 0;
    }

    .lead {
      margin: 0.25rem 0 1.5rem;
      max-width: 60rem;
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
export class FavouritesPage {
  protected readonly store = inject(FavouritesStore);
  private readonly dialog = inject(MatDialog);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly page = computed(() => pageFromParam(this.params().get('page')));
  protected readonly pageSize = FAVOURITES_PAGE_SIZE;
  protected readonly errorMessage = genericErrorMessage;
  protected readonly starIcon = STAR_OUTLINE_ICON;

  protected readonly notice = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly removing = createSubmission((id: string) => this.store.remove(id));
  protected readonly actionError = computed(() => {
    const error = this.removing.error();
    return error ? `The favourite could not be deleted. ${genericErrorMessage(error)}` : null;
  });

  constructor() {
    effect(() => {
      const page = this.page();
      untracked(() => this.store.load(page));
    });
  }

  protected changePage(event: PageEvent): void {
    this.navigate(event.pageIndex + 1);
  }

  protected async rename(favourite: FavouriteDto): Promise<void> {
    this.notice.set(null);
    const renamed = await askFavouriteName(this.dialog, {
      title: 'Rename favourite',
      description: describeQuery(favourite),
      initialName: favourite.name,
      confirmLabel: 'Rename',
      submit: (name) => this.store.rename(favourite.id, name),
    });
    if (renamed) {
      this.notice.set(`Renamed “${favourite.name}” to “${renamed.name}”.`);
    }
  }

  protected async delete(favourite: FavouriteDto): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: `Delete the favourite “${favourite.name}”?`,
      message: 'Only the saved query is deleted; your history keeps the queries you ran.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    const lastOnPage = this.store.favourites().length === 1 && this.page() > 1;
    this.busyId.set(favourite.id);
    const result = await this.removing.run(favourite.id);
    this.busyId.set(null);
    if (result.ok) {
      this.notice.set(`Deleted the favourite “${favourite.name}”.`);
      if (lastOnPage) {
        this.navigate(this.page() - 1);
      } else {
        this.store.reload();
      }
    }
  }

  private navigate(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: page > 1 ? { page } : {} });
  }
}
