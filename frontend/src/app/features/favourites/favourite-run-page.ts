import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';

import { genericErrorMessage, toApiError } from '../../core/http/api-error';
import { FavouritesClient } from '../../core/query-tool/favourites-client';
import { QUERY_RUN_STATE } from '../../core/query-tool/query-run';
import { queryLink } from '../../core/query-tool/query-urls';
import { FAVOURITE_NOT_FOUND } from '../../core/query-tool/query.model';
import { STAR_OUTLINE_ICON } from '../../shared/ui/icons';

/**
 * `/favourites/:id`, a favourite's own URL: loads the favourite (with the current session) and replaces itself with
 * the favourite's query page, which asks the API afresh. Signed out, the route guard shows the login page first and
 * comes back here. Another user's favourite, or a deleted one, is "not found".
 */
@Component({
  selector: 'app-favourite-run-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar, RouterLink],
  host: { class: 'app-page' },
  template: `
    @if (notFound()) {
      <div class="state">
        <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
          <path fill="currentColor" [attr.d]="starIcon" />
        </svg>
        <div>
          <h1>Favourite not found</h1>
          <p role="alert">There is no favourite at this address in your account. It may have been deleted.</p>
          <p><a routerLink="/favourites">Your favourites</a></p>
        </div>
      </div>
    } @else if (error(); as error) {
      <h1>Favourite</h1>
      <div class="app-alert inline" role="alert">
        <span>The favourite could not be opened. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="favourite.reload()">Try again</button>
      </div>
    } @else {
      <h1>Opening your favourite…</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Opening the favourite" />
    }
  `,
  styles: `
    .state {
      display: flex;
      gap: 1.25rem;
      align-items: flex-start;
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }

    .state svg {
      flex: none;
      color: var(--mat-sys-primary);
    }

    .state h1 {
      margin: 0.5rem 0 0.75rem;
    }

    .state p {
      margin: 0 0 0.75rem;
    }

    .state p:last-child {
      margin: 0;
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
  `,
})
export class FavouriteRunPage {
  /** The route's `:id` (component input binding). */
  readonly id = input.required<string>();

  private readonly client = inject(FavouritesClient);
  private readonly router = inject(Router);

  protected readonly favourite = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.client.get(params),
  });
  protected readonly error = computed(() => {
    const error = this.favourite.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });
  /** Unknown, deleted, another user's (the API answers all alike), or not an id at all. */
  protected readonly notFound = computed(() => {
    const error = this.error();
    return error?.code === FAVOURITE_NOT_FOUND || error?.status === 404 || error?.code === 'VALIDATION_FAILED';
  });
  protected readonly errorMessage = genericErrorMessage;
  protected readonly starIcon = STAR_OUTLINE_ICON;

  constructor() {
    effect(() => {
      if (this.favourite.hasValue()) {
        const link = queryLink(this.favourite.value());
        untracked(() => {
          void this.router.navigate(link.commands, {
            queryParams: link.queryParams,
            replaceUrl: true,
            state: QUERY_RUN_STATE,
          });
        });
      }
    });
  }
}
