import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import {
  type RecordsQuery,
  isReversedWindow,
  recordsQueryFromParams,
  recordsQueryToParams,
} from '../customers/model/customer-records-query';
import {
  RECORD_KINDS,
  RECORD_KIND_LABELS,
  RECORD_PAGE_SIZE,
  type RecordKind,
} from '../customers/model/customers.model';
import { DISPLAY_FORMAT, Formatter } from '../customers/model/display-format';
import { RECORD_NOUNS, recordTable } from '../customers/model/record-views';
import { CellValue } from '../customers/ui/cell-value';
import { RecordsTable } from '../customers/ui/records-table';
import { type DateWindow, RecordsWindowForm } from '../customers/ui/records-window-form';
import { LinkedRecordsStore } from './data/linked-records-store';
import { isLinkNotFound, linkedRecordsErrorMessage } from './model/account-links-messages';
import { isEndOf, readEndOf } from './model/account-links.model';
import { LinkStatusChip } from './ui/link-status-chip';

/** Link ids are UUIDs; anything else is not asked for. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/customers/:operatorId/:customerId/links/:linkId`: the purchases, concessions and usages of the account linked to
 * this customer through a confirmed link, named by its operator, in the same tabs, date window and pages as the
 * customer's own records (`?tab=&from=&to=&page=`). The server decides on every request: a link that is no longer
 * confirmed is refused, and the page says so.
 */
@Component({
  selector: 'app-linked-records-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CellValue,
    LinkStatusChip,
    MatButton,
    MatPaginator,
    MatProgressBar,
    MatTabLink,
    MatTabNav,
    MatTabNavPanel,
    RecordsTable,
    RecordsWindowForm,
    RouterLink,
  ],
  providers: [LinkedRecordsStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="back">
      <a [routerLink]="['/customers', operatorId(), customerId()]" [queryParams]="{ tab: 'links' }"
        >← Back to customer {{ customerId() }}'s linked accounts</a
      >
    </div>

    @if (notFound()) {
      <div class="state">
        <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M17 7h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1 0 1.43-.98 2.63-2.31 2.98l1.46 1.46C20.88 15.61 22 13.95 22 12c0-2.76-2.24-5-5-5m-1 4h-2.19l2 2H16zM2 4.27l3.11 3.11A4.99 4.99 0 0 0 2 12c0 2.76 2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1 0-1.59 1.21-2.9 2.76-3.07L8.73 11H8v2h2.73L13 15.27V17h1.73l4.01 4L20 19.74 3.27 3z"
          />
        </svg>
        <div>
          <h1>Link not found</h1>
          <p role="alert">
            Customer {{ customerId() }} has no such link, or you may not see it. Links are shown only to staff of the
            two operators they join.
          </p>
        </div>
      </div>
    } @else if (store.linkError(); as error) {
      <h1>Linked account</h1>
      <div class="app-alert inline" role="alert">
        <span>The link could not be loaded. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reloadLink()">Try again</button>
      </div>
    } @else if (view(); as view) {
      <header class="heading">
        <span class="eyebrow">Linked account</span>
        <h1>{{ view.read.operatorName }} account {{ view.read.customerId }}</h1>
        <p class="summary">
          <app-link-status-chip [status]="view.link.status" />
          <span
            >Linked with {{ view.base.operatorName }} customer {{ view.base.customerId }}
            @if (view.confirmed; as confirmed) {
              · confirmed <app-cell-value class="inline-cell" [cell]="confirmed" />
            }
          </span>
        </p>
      </header>

      <section class="records" [attr.aria-label]="view.read.operatorName + ' records'">
        <nav mat-tab-nav-bar [tabPanel]="panel" mat-stretch-tabs="false" aria-label="Record kinds">
          @for (kind of kinds; track kind) {
            <a mat-tab-link [active]="recordsQuery().tab === kind" [routerLink]="[]" [queryParams]="tabParams(kind)">{{
              kindLabels[kind]
            }}</a>
          }
        </nav>
        <mat-tab-nav-panel #panel>
          <div class="toolbar">
            <app-records-window-form
              [window]="recordsQuery()"
              [label]="kindLabels[recordsQuery().tab] + ' date window'"
              (applied)="applyWindow($event)"
              (cleared)="applyWindow({ from: '', to: '' })"
            />
            @if (table()) {
              <p class="count" role="status">{{ countText() }}</p>
            }
          </div>

          @if (reversedWindow()) {
            <p class="placeholder">Choose a start date on or before the end date to see the {{ nouns().many }}.</p>
          } @else {
            @if (store.recordsLoading()) {
              <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading the ' + nouns().many" />
            }
            @if (store.recordsError(); as error) {
              <div class="app-alert inline" role="alert">
                <span
                  >The {{ nouns().many }} of {{ view.read.operatorName }} account {{ view.read.customerId }} cannot be
                  shown. {{ recordsErrorMessage(error) }}</span
                >
                @if (error.code !== 'LINK_NOT_CONFIRMED') {
                  <button mat-stroked-button type="button" (click)="store.reloadRecords()">Try again</button>
                }
              </div>
            } @else if (table(); as table) {
              @if (table.rows.length === 0) {
                <p class="placeholder">
                  No {{ nouns().many }}{{ windowed() ? ' in this date window' : ''
                  }}{{ recordsQuery().page > 1 ? ' on this page' : '' }}.
                </p>
              } @else {
                <app-records-table [table]="table" [expandedId]="expandedId()" (toggled)="toggle($event)" />
              }
              @if (total() > pageSize || recordsQuery().page > 1) {
                <mat-paginator
                  [length]="total()"
                  [pageIndex]="recordsQuery().page - 1"
                  [pageSize]="pageSize"
                  [hidePageSize]="true"
                  [showFirstLastButtons]="true"
                  (page)="changePage($event)"
                  [attr.aria-label]="kindLabels[recordsQuery().tab] + ' pages'"
                />
              }
            }
          }
        </mat-tab-nav-panel>
      </section>
    } @else {
      <h1>Linked account</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Loading the link" />
    }
  `,
  styles: `
    .back {
      margin: 0 0 1rem;
    }

    .heading h1 {
      margin: 0 0 0.5rem;
    }

    .eyebrow {
      display: block;
      margin-block-end: 0.25rem;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
      text-transform: uppercase;
      letter-spacing: 0.06em;
    }

    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      align-items: center;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .inline-cell {
      display: inline;
    }

    .state {
      display: flex;
      gap: 1.25rem;
      align-items: flex-start;
      max-width: 44rem;
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
      margin: 0;
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }

    .records {
      margin-block-start: 1.5rem;
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
      justify-content: space-between;
      padding-block: 1rem 0.5rem;
    }

    .count {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }

    .placeholder {
      margin: 0.5rem 0;
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LinkedRecordsPage {
  /** The route's `:operatorId`, `:customerId` (the customer whose link this is) and `:linkId`. */
  readonly operatorId = input.required<string>();
  readonly customerId = input.required<string>();
  readonly linkId = input.required<string>();

  protected readonly store = inject(LinkedRecordsStore);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly format = new Formatter(inject(DISPLAY_FORMAT));

  protected readonly kinds = RECORD_KINDS;
  protected readonly kindLabels = RECORD_KIND_LABELS;
  protected readonly pageSize = RECORD_PAGE_SIZE;
  protected readonly errorMessage = linkedRecordsErrorMessage;
  protected readonly recordsErrorMessage = linkedRecordsErrorMessage;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly recordsQuery = computed(() => recordsQueryFromParams(this.params()));
  protected readonly reversedWindow = computed(() =>
    isReversedWindow(this.recordsQuery().from, this.recordsQuery().to),
  );
  protected readonly windowed = computed(() => !!(this.recordsQuery().from || this.recordsQuery().to));
  protected readonly nouns = computed(() => RECORD_NOUNS[this.recordsQuery().tab]);
  private readonly validId = computed(() => UUID_PATTERN.test(this.linkId()));

  /** The link as this page shows it: the customer of the URL, and the account whose records the server reads. */
  protected readonly view = computed(() => {
    const link = this.store.link();
    if (!link || link.id.toLowerCase() !== this.linkId().toLowerCase()) {
      return null;
    }
    const account = { operatorId: this.operatorId(), customerId: this.customerId() };
    const base = isEndOf(link.source, account) ? link.source : isEndOf(link.target, account) ? link.target : null;
    if (!base) {
      return null;
    }
    const viewer = { role: this.auth.role(), operatorId: this.auth.user()?.operatorId ?? null };
    return {
      link,
      base,
      read: link[readEndOf(link, viewer)],
      confirmed: link.confirmedAt ? this.format.dateTime(link.confirmedAt) : null,
    };
  });
  /** No such link, not one the user may see, or not one of this customer's. */
  protected readonly notFound = computed(
    () => !this.validId() || isLinkNotFound(this.store.linkError()) || (!!this.store.link() && !this.view()),
  );

  private readonly loaded = computed(() => {
    const loaded = this.store.records();
    return loaded && loaded.id === this.linkId() && JSON.stringify(loaded.query) === JSON.stringify(this.recordsQuery())
      ? loaded.records
      : null;
  });
  protected readonly table = computed(() => {
    const records = this.loaded();
    return records ? recordTable(records, this.format) : null;
  });
  protected readonly total = computed(() => this.loaded()?.page.total ?? 0);
  protected readonly countText = computed(() => {
    const total = this.total();
    const nouns = this.nouns();
    return `${total} ${total === 1 ? nouns.one : nouns.many}${this.windowed() ? ' in this date window' : ''}`;
  });

  /** The record whose details are open; closed again whenever another page of records arrives. */
  protected readonly expandedId = linkedSignal<unknown, number | null>({ source: this.table, computation: () => null });

  constructor() {
    // The link and its records are asked for together; the server answers for the records whatever the link says.
    effect(() => {
      const id = this.validId() ? this.linkId() : undefined;
      const query = this.reversedWindow() ? undefined : this.recordsQuery();
      untracked(() => this.store.load(id, query));
    });
  }

  protected tabParams(tab: RecordKind): Record<string, unknown> {
    return recordsQueryToParams({ ...this.recordsQuery(), tab, page: 1 });
  }

  protected applyWindow(window: DateWindow): void {
    this.navigate({ ...this.recordsQuery(), from: window.from, to: window.to, page: 1 });
  }

  protected changePage(event: PageEvent): void {
    this.navigate({ ...this.recordsQuery(), page: event.pageIndex + 1 });
  }

  protected toggle(id: number): void {
    this.expandedId.update((open) => (open === id ? null : id));
  }

  private navigate(query: RecordsQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: recordsQueryToParams(query) });
  }
}
