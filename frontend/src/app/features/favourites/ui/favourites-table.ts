import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { querySummary } from '../../../core/query-tool/query-summary';
import { type FavouriteDto, QUERY_KIND_LABELS } from '../../../core/query-tool/query.model';
import { DELETE_OUTLINE_ICON, EDIT_OUTLINE_ICON } from '../../../shared/ui/icons';

/**
 * The favourites: name, kind and the query in words, with Run (the favourite's own URL, `/favourites/{id}`, which
 * opens its query page), Rename and Delete. Presentational.
 */
@Component({
  selector: 'app-favourites-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIconButton, MatTableModule, MatTooltip, RouterLink],
  template: `
    <table mat-table [dataSource]="rows()" aria-label="Favourites">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
        <td mat-cell *matCellDef="let row" class="name" [id]="'favourite-name-' + row.favourite.id">
          {{ row.favourite.name }}
        </td>
      </ng-container>
      <ng-container matColumnDef="kind">
        <th mat-header-cell *matHeaderCellDef scope="col">Kind</th>
        <td mat-cell *matCellDef="let row">
          <span class="kind">{{ row.kind }}</span>
        </td>
      </ng-container>
      <ng-container matColumnDef="query">
        <th mat-header-cell *matHeaderCellDef scope="col">Query</th>
        <td mat-cell *matCellDef="let row" class="query">{{ row.summary }}</td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
        <td mat-cell *matCellDef="let row">
          <span class="actions">
            <a
              mat-flat-button
              [routerLink]="['/favourites', row.favourite.id]"
              [attr.aria-describedby]="'favourite-name-' + row.favourite.id"
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M8 5v14l11-7z" />
              </svg>
              Run
            </a>
            <button
              mat-icon-button
              type="button"
              aria-label="Rename"
              matTooltip="Rename"
              [disabled]="busyId() === row.favourite.id"
              (click)="rename.emit(row.favourite)"
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" [attr.d]="editIcon" />
              </svg>
            </button>
            <button
              mat-icon-button
              type="button"
              class="delete"
              aria-label="Delete"
              matTooltip="Delete"
              [disabled]="busyId() === row.favourite.id"
              (click)="delete.emit(row.favourite)"
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

    .name {
      font-weight: 500;
      min-width: 12rem;
      overflow-wrap: anywhere;
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
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
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
export class FavouritesTable {
  readonly favourites = input.required<readonly FavouriteDto[]>();
  /** The favourite an action is running on (its buttons are disabled meanwhile). */
  readonly busyId = input<string | null>(null);
  readonly rename = output<FavouriteDto>();
  readonly delete = output<FavouriteDto>();

  protected readonly columns = ['name', 'kind', 'query', 'actions'];
  protected readonly editIcon = EDIT_OUTLINE_ICON;
  protected readonly deleteIcon = DELETE_OUTLINE_ICON;
  protected readonly rows = computed(() =>
    this.favourites().map((favourite) => ({
      favourite,
      kind: QUERY_KIND_LABELS[favourite.kind],
      summary: querySummary(favourite),
    })),
  );
}
