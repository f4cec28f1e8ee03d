import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { FavouritesClient } from '../../core/query-tool/favourites-client';
import { isQueryRun } from '../../core/query-tool/query-run';
import { normaliseParams } from '../../core/query-tool/query.model';
import { saveAsFavourite } from '../../core/query-tool/save-favourite';
import { askToLinkAccount } from '../account-linking/link-account-dialog';
import { AccountLinksClient } from '../account-linking/data/account-links-client';
import { LinkedAccountsPanel } from '../account-linking/linked-accounts-panel';
import { type CustomerKey, CustomersClient } from './data/customers-client';
import { CustomersStore } from './data/customers-store';
import {
  type RecordsQuery,
  isReversedWindow,
  recordsQueryFromParams,
  recordsQueryToParams,
} from './model/customer-records-query';
import { searchQueryToParams } from './model/customer-search-query';
import { customersErrorMessage, isAccessDenied, isCustomerNotFound } from './model/customers-messages';
import {
  OPERATOR_ID_PATTERN,
  isCustomerId,
  RECORD_KINDS,
  RECORD_KIND_LABELS,
  RECORD_PAGE_SIZE,
  type RecordKind,
} from './model/customers.model';
import { DISPLAY_FORMAT, Formatter } from './model/display-format';
import { RECORD_NOUNS, recordTable } from './model/record-views';
import { CustomerProfile } from './ui/customer-profile';
import { RecordsTable } from './ui/records-table';
import { type DateWindow, RecordsWindowForm } from './ui/records-window-form';

/**
 * `/customers/:operatorId/:customerId`: the customer's profile, and its purchases, concessions and usages in tabs,
 * within a date window, a page at a time; a record opens to show every field. The tab, window and page live in the
 * URL. A refusal from the server (another operator's customer) shows the "not allowed" state and nothing else.
 */
@Component({
  selector: 'app-customer-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CustomerProfile,
    LinkedAccountsPanel,
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
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="back">
      <a routerLink="/customers" [queryParams]="backParams()">← Back to the customer search</a>
      @if (customer()) {
        <span class="actions">
          <button mat-stroked-button type="button" (click)="linkAccount()">Link account</button>
          @if (!reversedWindow() && !linksTab()) {
            <button mat-stroked-button type="button" (click)="saveFavourite()">Save as favourite</button>
          }
        </span>
      }
    </div>
    @if (linkRequested()) {
      <p class="app-notice" role="status">
        Request sent — the account owner must confirm by email. The link stays pending until they do.
      </p>
    }
    @if (savedName(); as name) {
      <p class="app-notice" role="status">Saved “{{ name }}” to your <a routerLink="/favourites">favourites</a>.</p>
    }

    @if (denied()) {
      <div class="state">
        <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2m-6 9a2 2 0 1 1 0-4 2 2 0 0 1 0 4m3.1-9H8.9V6a3.1 3.1 0 0 1 6.2 0z"
          />
        </svg>
        <div>
          <h1>Not allowed</h1>
          <p role="alert">
            You are not allowed to see this customer. Operator accounts reach only their own operator's customers; if
            you need access, ask an administrator.
          </p>
          <p><a routerLink="/customers">Search the customers you may see</a></p>
        </div>
      </div>
    } @else if (notFound()) {
      <div class="state">
        <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8m0 2c-2.7 0-8 1.3-8 4v2h10.6a6 6 0 0 1-.6-2.6c0-1.3.4-2.4 1-3.4zm7.7 3.3.1-.8a3.5 3.5 0 1 0-1.2 2.6l.3.3v.9l2.6 2.6.8-.8-2.6-2.6zm-3.2 1.4a2.2 2.2 0 1 1 0-4.4 2.2 2.2 0 0 1 0 4.4"
          />
        </svg>
        <div>
          <h1>Customer not found</h1>
          <p role="alert">There is no customer {{ customerId() }} at operator {{ operatorId() }}.</p>
          <p><a routerLink="/customers">Search for a customer</a></p>
        </div>
      </div>
    } @else if (store.customerError(); as error) {
      <h1>Customer {{ customerId() }}</h1>
      <div class="app-alert inline" role="alert">
        <span>The customer could not be loaded. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reloadCustomer()">Try again</button>
      </div>
    } @else if (customer(); as customer) {
      <app-customer-profile [customer]="customer" [format]="format" />

      <section class="records" aria-label="Records">
        <nav mat-tab-nav-bar [tabPanel]="panel" mat-stretch-tabs="false" aria-label="Record kinds">
          @for (kind of kinds; track kind) {
            <a
              mat-tab-link
              [active]="!linksTab() && recordsQuery().tab === kind"
              [routerLink]="[]"
              [queryParams]="tabParams(kind)"
              >{{ kindLabels[kind] }}</a
            >
          }
          <a mat-tab-link [active]="linksTab()" [routerLink]="[]" [queryParams]="{ tab: linksTabId }"
            >Linked accounts</a
          >
        </nav>
        <mat-tab-nav-panel #panel>
          @if (linksTab()) {
            <app-linked-accounts-panel [account]="customer" />
          } @else {
            <div class="toolbar">
              <app-records-window-form
                [window]="recordsQuery()"
                [label]="kindLabels[recordsQuery().tab] + ' date window'"
                (applied)="applyWindow($event)"
                (cleared)="applyWindow({ from: '', to: '' })"
              />
              @if (table(); as table) {
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
                  <span>The {{ nouns().many }} could not be loaded. {{ errorMessage(error) }}</span>
                  <button mat-stroked-button type="button" (click)="store.reloadRecords()">Try again</button>
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
          }
        </mat-tab-nav-panel>
      </section>
    } @else {
      <h1>Customer {{ customerId() }}</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Loading the customer" />
    }
  `,
  styles: `
    .back {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
      justify-content: space-between;
      margin: 0 0 1rem;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
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
export class CustomerDetailPage {
  /** The route's `:operatorId` and `:customerId` (component input binding). */
  readonly operatorId = input.required<string>();
  readonly customerId = input.required<string>();

  protected readonly store = inject(CustomersStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly favourites = inject(FavouritesClient);
  private readonly customersClient = inject(CustomersClient);
  private readonly links = inject(AccountLinksClient);
  /** The name of the favourite saved last from this page. */
  protected readonly savedName = signal<string | null>(null);
  /** A link request was sent from this page (for this customer). */
  protected readonly linkRequested = linkedSignal({ source: () => this.key(), computation: () => false });
  protected readonly format = new Formatter(inject(DISPLAY_FORMAT));

  protected readonly kinds = RECORD_KINDS;
  protected readonly kindLabels = RECORD_KIND_LABELS;
  protected readonly pageSize = RECORD_PAGE_SIZE;
  protected readonly errorMessage = customersErrorMessage;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  /** `?tab=links`: the Linked accounts tab instead of a kind of record. */
  protected readonly linksTabId = 'links';
  protected readonly linksTab = computed(() => this.params().get('tab') === this.linksTabId);
  protected readonly recordsQuery = computed(() => recordsQueryFromParams(this.params()));
  protected readonly reversedWindow = computed(() =>
    isReversedWindow(this.recordsQuery().from, this.recordsQuery().to),
  );
  protected readonly windowed = computed(() => !!(this.recordsQuery().from || this.recordsQuery().to));
  protected readonly nouns = computed(() => RECORD_NOUNS[this.recordsQuery().tab]);

  private readonly key = computed<CustomerKey | undefined>(
    () =>
      OPERATOR_ID_PATTERN.test(this.operatorId()) && isCustomerId(this.customerId())
        ? { operatorId: this.operatorId(), customerId: this.customerId() }
        : undefined,
    { equal: (a, b) => a?.operatorId === b?.operatorId && a?.customerId === b?.customerId },
  );

  /** The profile of this page's customer (the store may still hold the previous one). */
  protected readonly customer = computed(() => {
    const customer = this.store.customer();
    const key = this.key();
    return customer && key && customer.operatorId === key.operatorId && customer.customerId === key.customerId
      ? customer
      : null;
  });
  protected readonly denied = computed(() => isAccessDenied(this.store.customerError()));
  protected readonly notFound = computed(() => !this.key() || isCustomerNotFound(this.store.customerError()));

  /** The records of this customer and view, once loaded. */
  private readonly loaded = computed(() => {
    const loaded = this.store.records();
    const key = this.key();
    const query = this.recordsQuery();
    return loaded &&
      key &&
      loaded.key.operatorId === key.operatorId &&
      loaded.key.customerId === key.customerId &&
      JSON.stringify(loaded.query) === JSON.stringify(query)
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

  protected readonly backParams = computed(() => {
    const search = this.store.currentSearch();
    return search ? searchQueryToParams(search) : {};
  });

  constructor() {
    // A run from History or Favourites asks afresh, even when the store holds this customer's answers.
    let freshProfile = isQueryRun(this.router);
    let freshRecords = freshProfile;
    effect(() => {
      const key = this.key();
      untracked(() => this.store.selectCustomer(key, { fresh: freshProfile }));
      freshProfile = false;
    });
    // Records only once the profile came back: a refused or unknown customer asks nothing more.
    effect(() => {
      const key = this.customer() ? this.key() : undefined;
      const query = this.recordsQuery();
      const wanted = key && !this.reversedWindow() && !this.linksTab() ? query : undefined;
      untracked(() => this.store.loadRecords(key, wanted, { fresh: freshRecords && wanted !== undefined }));
      freshRecords &&= wanted === undefined;
    });
  }

  /** Saves the records view in force (tab, date window, page) as a favourite of that record kind. */
  protected async saveFavourite(): Promise<void> {
    const { tab, from, to, page } = this.recordsQuery();
    const params = normaliseParams({
      operatorId: this.operatorId(),
      customerId: this.customerId(),
      from,
      to,
      page: page > 1 ? page : '',
    });
    const saved = await saveAsFavourite(this.dialog, this.favourites, { kind: tab, params });
    if (saved) {
      this.savedName.set(saved.name);
    }
  }

  /** "Link account": asks for the other account, sends the request, then shows the Linked accounts tab. */
  protected async linkAccount(): Promise<void> {
    const customer = this.customer();
    if (!customer) {
      return;
    }
    const source = {
      operatorId: customer.operatorId,
      operatorName: customer.operatorName,
      customerId: customer.customerId,
    };
    const sent = await askToLinkAccount(this.dialog, {
      source,
      operators: () => this.customersClient.hostedOperators(),
      submit: (target) => firstValueFrom(this.links.request(source, target)),
    });
    if (sent) {
      this.linkRequested.set(true);
      void this.router.navigate([], { relativeTo: this.route, queryParams: { tab: this.linksTabId } });
    }
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
