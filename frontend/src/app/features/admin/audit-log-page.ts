import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../core/auth/auth-store';
import { createSubmission } from '../../core/http/submission';
import { saveFile } from '../../shared/browser/save-file';
import { type AuditRecordSheet, openAuditRecordSheet } from './audit-record-sheet';
import { AuditLogStore } from './data/audit-log-store';
import { adminErrorMessage } from './model/admin-messages';
import {
  AUDIT_PAGE_SIZES,
  type AuditFilters,
  type AuditQuery,
  EMPTY_AUDIT_FILTERS,
  auditQueryFromParams,
  auditQueryToParams,
  filtersOf,
  hasFilters,
} from './model/audit-query';
import { type AuditRecord } from './model/audit.model';
import { shortId } from './model/audit-format';
import { AuditFiltersForm } from './ui/audit-filters-form';
import { AuditTable } from './ui/audit-table';
import { ChainVerification } from './ui/chain-verification';

/** Filters the form does not edit, shown as removable chips when a link set them. */
const EXTRA_FILTERS = [
  { key: 'requestId', label: 'Request' },
  { key: 'entity', label: 'Subject kind' },
  { key: 'entityId', label: 'Subject' },
] as const satisfies readonly { key: keyof AuditFilters; label: string }[];

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `/admin/audit`: the audit log, newest first, filtered by time, actor, address, status, route and type (all in the
 * URL), a page at a time (keyset: Older/Newer). A record opens in a side sheet (`record` in the URL) with its field
 * changes; the matching records can be exported as CSV, and the hash chain checked.
 */
@Component({
  selector: 'app-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AuditFiltersForm,
    AuditTable,
    ChainVerification,
    MatButton,
    MatFormField,
    MatInput,
    MatLabel,
    MatProgressBar,
  ],
  providers: [AuditLogStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <div>
        <h1>Audit log</h1>
        <p class="lead">
          Every API request, change, sign-in and read of customer data, in a tamper-evident chain. New records appear
          within a second or so.
        </p>
      </div>
      <div class="actions">
        <button mat-stroked-button type="button" [disabled]="store.loading()" (click)="store.reload()">Refresh</button>
        <button mat-stroked-button type="button" [disabled]="exporting.pending()" (click)="exportCsv()">
          {{ exporting.pending() ? 'Exporting…' : 'Export CSV' }}
        </button>
        <button mat-flat-button type="button" [disabled]="verifying.pending()" (click)="verify()">
          {{ verifying.pending() ? 'Verifying…' : 'Verify chain' }}
        </button>
      </div>
    </div>

    @if (verifying.pending()) {
      <p class="app-notice" role="status">Checking every record of the chain. This can take a few seconds.</p>
    } @else if (showVerification() && store.verification(); as verification) {
      <app-chain-verification [verification]="verification" (dismissed)="showVerification.set(false)" />
    }
    @if (actionError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }
    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }

    <div class="filters">
      <app-audit-filters-form
        [filters]="filters()"
        [currentUserId]="currentUserId()"
        (searched)="search($event)"
        (cleared)="search(emptyFilters)"
      />
      @if (extraFilters().length > 0) {
        <ul class="chips" aria-label="More filters">
          @for (extra of extraFilters(); track extra.key) {
            <li>
              <span
                >{{ extra.label }}: <span class="mono">{{ extra.text }}</span></span
              >
              <button
                type="button"
                class="chip-remove"
                [attr.aria-label]="'Remove the filter ' + extra.label + ' ' + extra.value"
                (click)="removeFilter(extra.key)"
              >
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                  <path
                    fill="currentColor"
                    d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
                  />
                </svg>
              </button>
            </li>
          }
        </ul>
      }
    </div>

    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the audit log" />
    }
    @if (store.error(); as error) {
      <div class="app-alert inline" role="alert">
        <span>The audit log could not be loaded. {{ message(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reload()">Try again</button>
      </div>
    } @else if (store.loaded()) {
      @if (store.records().length === 0) {
        <div class="empty">
          @if (query().cursor) {
            <p>There are no older records.</p>
          } @else if (filtered()) {
            <p>No records match these filters.</p>
          } @else {
            <p>The audit log is empty.</p>
          }
        </div>
      } @else {
        <app-audit-table
          [records]="store.records()"
          [currentUserId]="currentUserId()"
          [selectedId]="query().record"
          (opened)="open($event)"
        />
      }
      <nav class="pager" aria-label="Audit log pages">
        <mat-form-field subscriptSizing="dynamic" class="page-size">
          <mat-label>Per page</mat-label>
          <select matNativeControl (change)="changePageSize($event)">
            @for (size of pageSizes; track size) {
              <option [value]="size" [selected]="size === query().limit">{{ size }}</option>
            }
          </select>
        </mat-form-field>
        <span class="spacer"></span>
        @if (query().cursor) {
          <button mat-stroked-button type="button" (click)="newest()">Newest</button>
          <button mat-stroked-button type="button" (click)="newer()">Newer</button>
        }
        <button mat-stroked-button type="button" [disabled]="!store.nextCursor()" (click)="older()">Older</button>
      </nav>
    }
  `,
  styles: `
    .heading {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0.75rem 1.5rem;
      align-items: start;
      margin-bottom: 1rem;
    }

    @media (max-width: 60rem) {
      .heading {
        grid-template-columns: minmax(0, 1fr);
      }
    }

    .heading h1 {
      margin: 0;
    }

    .lead {
      margin: 0.25rem 0 0;
      max-width: 48rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .spacer {
      flex: 1 1 auto;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .filters {
      margin-block: 0 0.75rem;
      padding: 1rem 1rem 0.75rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }

    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.75rem 0 0;
      padding: 0;
      list-style: none;
    }

    .chips li {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.25rem 0.25rem 0.25rem 0.75rem;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
    }

    .chip-remove {
      display: inline-flex;
      padding: 0.125rem;
      border: 0;
      border-radius: 50%;
      background: none;
      color: inherit;
      cursor: pointer;
    }

    .chip-remove:hover {
      background: color-mix(in srgb, currentColor 12%, transparent);
    }

    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }

    .empty {
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }

    .empty p {
      margin: 0;
    }

    .pager {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 1rem;
    }

    .page-size {
      width: 7rem;
    }
  `,
})
export class AuditLogPage {
  protected readonly store = inject(AuditLogStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly query = computed(() => auditQueryFromParams(this.params()));
  /** The list's part of the URL: opening a record does not reload the page of records. */
  private readonly listQuery = computed<AuditQuery>(() => ({ ...this.query(), record: null }), { equal: sameJson });
  protected readonly filters = computed(() => filtersOf(this.query()), { equal: sameJson });
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly extraFilters = computed(() =>
    EXTRA_FILTERS.flatMap(({ key, label }) => {
      const value = this.filters()[key];
      return value ? [{ key, label, value, text: key === 'requestId' ? shortId(value) : value }] : [];
    }),
  );
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly emptyFilters = EMPTY_AUDIT_FILTERS;
  protected readonly message = adminErrorMessage;

  protected readonly notice = signal<string | null>(null);
  protected readonly showVerification = signal(false);
  protected readonly exporting = createSubmission((filters: AuditFilters) => this.store.export(filters));
  protected readonly verifying = createSubmission(() => this.store.verify());
  protected readonly actionError = computed(() => {
    const exportError = this.exporting.error();
    if (exportError) {
      return `The export did not work. ${adminErrorMessage(exportError)}`;
    }
    const verifyError = this.verifying.error();
    return verifyError ? `The chain could not be checked. ${adminErrorMessage(verifyError)}` : null;
  });

  /** For Newer: the cursor of the page each visited page was reached from (keyed by filters and cursor). */
  private readonly cameFrom = new Map<string, string | null>();
  private sheet: MatDialogRef<AuditRecordSheet, void> | null = null;
  private destroyed = false;

  constructor() {
    effect(() => {
      const query = this.listQuery();
      untracked(() => this.store.load(query));
    });
    effect(() => {
      const id = this.query().record;
      untracked(() => this.showRecord(id));
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.sheet?.close();
    });
  }

  protected search(filters: AuditFilters): void {
    this.notice.set(null);
    this.navigate({ ...this.query(), ...filters, cursor: null, record: null });
  }

  protected removeFilter(key: keyof AuditFilters): void {
    this.search({ ...this.filters(), [key]: '' });
  }

  protected open(record: AuditRecord): void {
    this.navigate({ ...this.query(), record: record.id });
  }

  protected older(): void {
    const next = this.store.nextCursor();
    if (next) {
      this.cameFrom.set(this.pageKey(next), this.query().cursor);
      this.navigate({ ...this.query(), cursor: next, record: null });
    }
  }

  protected newer(): void {
    const cursor = this.query().cursor;
    const previous = cursor ? this.cameFrom.get(this.pageKey(cursor)) : null;
    this.navigate({ ...this.query(), cursor: previous ?? null, record: null });
  }

  protected newest(): void {
    this.navigate({ ...this.query(), cursor: null, record: null });
  }

  protected changePageSize(event: Event): void {
    const limit = Number((event.target as HTMLSelectElement).value);
    this.navigate({ ...this.query(), limit, cursor: null, record: null });
  }

  protected async exportCsv(): Promise<void> {
    this.notice.set(null);
    const result = await this.exporting.run(this.filters());
    if (result.ok) {
      saveFile(this.document, result.value.blob, result.value.filename);
      this.notice.set(`Exported the matching records as ${result.value.filename}.`);
    }
  }

  protected async verify(): Promise<void> {
    this.notice.set(null);
    this.showVerification.set(false);
    const result = await this.verifying.run(undefined);
    this.showVerification.set(result.ok);
  }

  private pageKey(cursor: string): string {
    return JSON.stringify([this.filters(), this.query().limit, cursor]);
  }

  private showRecord(id: number | null): void {
    this.store.select(id);
    if (id === null) {
      this.sheet?.close();
      return;
    }
    if (this.sheet) {
      return;
    }
    const sheet = openAuditRecordSheet(this.dialog, {
      id: computed(() => this.query().record),
      record: this.store.record,
      loading: this.store.recordLoading,
      error: computed(() => {
        const error = this.store.recordError();
        return error ? `The record could not be loaded. ${adminErrorMessage(error)}` : null;
      }),
      currentUserId: this.currentUserId(),
    });
    this.sheet = sheet;
    void firstValueFrom(sheet.afterClosed(), { defaultValue: undefined }).then(() => {
      this.sheet = null;
      if (!this.destroyed && this.query().record !== null) {
        this.navigate({ ...this.query(), record: null });
      }
    });
  }

  private navigate(query: AuditQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: auditQueryToParams(query) });
  }
}
