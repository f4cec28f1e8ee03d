import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { QUERY_RUN_STATE } from '../../../core/query-tool/query-run';
import { querySummary } from '../../../core/query-tool/query-summary';
import { queryLink } from '../../../core/query-tool/query-urls';
import { type HistoryEntryDto, QUERY_KIND_LABELS } from '../../../core/query-tool/query.model';
import { formatDateTime } from '../../../shared/format/date-time';
import { DELETE_OUTLINE_ICON, STAR_OUTLINE_ICON } from '../../../shared/ui/icons';

/**
 * The history entries: kind, the query in words, the result count and the time, with Run again (a link to the query
 * page), Save as favourite and Delete. Presentational.
 */
@Component({
  selector: 'app-history-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIconButton, MatTableModule, MatTooltip, RouterLink],
  template: `
    <table mat-table [dataSource]="rows()" aria-label="Query history">
      <ng-container matColumnDef="kind">
        <th mat-header-cell *matHeaderCellDef scope="col">Kind</th>
        <td mat-cell *matCellDef="let row">
          <span class="kind">{{ row.kind }}</span>
        </td>
      </ng-container>
      <ng-container matColumnDef="query">
        <th mat-header-cell *matHeaderCellDef scope="col">Query</th>
        <td mat-cell *matCellDef="let row" class="query" [id]="'history-query-' + row.entry.id">{{ row.summary }}</td>
      </ng-container>
      <ng-container matColumnDef="results">
        <th mat-header-cell *matHeaderCellDef scope="col" class="number">Results</th>
        <td mat-cell *matCellDef="let row" class="number">{{ row.results }}</td>
      </ng-container>
      <ng-container matColumnDef="time">
        <th mat-header-cell *matHeaderCellDef scope="col">Ran</th>
        <td mat-cell *matCellDef="let row" class="time">
          <time [attr.datetime]="row.entry.createdAt" [title]="row.entry.createdAt">{{ row.time }}</time>
        </td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
        <td mat-cell *matCellDef="let row">
          <span class="actions">
            <a
              mat-stroked-button
              [routerLink]="row.link.commands"
              [queryParams]="row.link.queryParams"
              [state]="runState"
              [attr.aria-describedby]="'history-query-' + row.entry.id"
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M8 5v14l11-7z" />
              </svg>
              Run again
            </a>
            <button
              mat-icon-button
              type="button"
              aria-label="Save as favourite"
              matTooltip="Save as favourite"
              [disabled]="busyId() === row.entry.id"
              (click)="saveFavourite.emit(row.entry)"
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" [attr.d]="starIcon" />
              </svg>
            </button>
            <button
              mat-icon-button
              type="button"
              class="delete"
              aria-label="Delete"
              matTooltip="Delete from history"
              [disabled]="busyId() === row.entry.id"
              (click)="delete.emit(row.entry)"
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" [attr.d]="deleteIcon" />
              </svg>
            </button>
          </span>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    table {
      --mat-table-header-headline-color: var(--mat-sys-on-surface-variant);
      --mat-table-header-headline-size: 0.8125rem;
    }

    tr.mat-mdc-row:hover {
      background: var(--mat-sys-surface-container-low);
    }

    .kind {
      display: inline-block;
      padding: 0.125rem 0.625rem;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }

    .query {
      min-width: 16rem;
      overflow-wrap: anywhere;
    }

    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .time {
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }

    .actions {
      display: flex;
      gap: 0.25rem;
      align-items: center;
      justify-content: flex-end;
      white-space: nowrap;
    }

    .actions a svg {
      margin-inline-end: 0.25rem;
      vertical-align: -0.3em;
    }

    .actions button {
      color: var(--mat-sys-on-surface-variant);
    }

    .actions .delete:hover {
      color: var(--mat-sys-error);
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class HistoryTable {
  readonly entries = input.required<readonly HistoryEntryDto[]>();
  /** The entry an action is running on (its buttons are disabled meanwhile). */
  readonly busyId = input<string | null>(null);
  readonly saveFavourite = output<HistoryEntryDto>();
  readonly delete = output<HistoryEntryDto>();

  protected readonly columns = ['kind', 'query', 'results', 'time', 'actions'];
  protected readonly starIcon = STAR_OUTLINE_ICON;
  protected readonly deleteIcon = DELETE_OUTLINE_ICON;
  protected readonly runState = QUERY_RUN_STATE;
  protected readonly rows = computed(() =>
    this.entries().map((entry) => ({
      entry,
      kind: QUERY_KIND_LABELS[entry.kind],
      summary: querySummary(entry),
      results: entry.resultCount === null ? '—' : entry.resultCount.toLocaleString(),
      time: formatDateTime(entry.createdAt),
      link: queryLink(entry),
    })),
  );
}
