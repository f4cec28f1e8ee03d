import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';

import { RECORD_KIND_LABELS } from '../model/customers.model';
import { type RecordRow, type RecordTable } from '../model/record-views';
import { CellValue } from './cell-value';
import { RecordDetails } from './record-details';

/**
 * One page of a customer's records: the key fields in columns; a row opens below itself with every field of the
 * record (one at a time). Presentational: the page keeps which row is open.
 */
@Component({
  selector: 'app-records-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CellValue, MatIconButton, MatTableModule, RecordDetails],
  template: `
    <table mat-table [dataSource]="table().rows" multiTemplateDataRows [attr.aria-label]="label()">
      <ng-container matColumnDef="expand">
        <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Details</span></th>
        <td mat-cell *matCellDef="let row" class="expand">
          <button
            mat-icon-button
            type="button"
            [attr.aria-expanded]="row.id === expandedId()"
            [attr.aria-controls]="detailsId(row)"
            [attr.aria-label]="'Details of ' + row.label.toLowerCase()"
            (click)="$event.stopPropagation(); toggled.emit(row.id)"
          >
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M8.59 16.59 13.17 12 8.59 7.41 10 6l6 6-6 6z" />
            </svg>
          </button>
        </td>
      </ng-container>
      @for (column of table().columns; track column.id; let index = $index) {
        <ng-container [matColumnDef]="column.id">
          <th mat-header-cell *matHeaderCellDef scope="col" [class.numeric]="column.numeric">{{ column.header }}</th>
          <td mat-cell *matCellDef="let row" [class.numeric]="column.numeric">
            <app-cell-value [cell]="row.cells[index]" />
          </td>
        </ng-container>
      }
      <ng-container matColumnDef="details">
        <td mat-cell *matCellDef="let row" [attr.colspan]="columnIds().length">
          @if (row.id === expandedId()) {
            <div
              class="details"
              role="region"
              [id]="detailsId(row)"
              [attr.aria-label]="'Details of ' + row.label.toLowerCase()"
            >
              <app-record-details [sections]="row.sections" />
            </div>
          }
        </td>
      </ng-container>

      <tr mat-header-row *matHeaderRowDef="columnIds()"></tr>
      <tr
        mat-row
        *matRowDef="let row; columns: columnIds()"
        class="record"
        [class.open]="row.id === expandedId()"
        (click)="toggled.emit(row.id)"
      ></tr>
      <tr
        mat-row
        *matRowDef="let row; columns: ['details']"
        class="details-row"
        [attr.hidden]="row.id === expandedId() ? null : ''"
      ></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    table {
      --mat-table-row-item-label-text-size: 0.875rem;
      --mat-table-header-headline-size: 0.8125rem;
      --mat-table-header-headline-color: var(--mat-sys-on-surface-variant);
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .mat-mdc-header-cell,
    .mat-mdc-cell {
      padding-block: 0.5rem;
      padding-inline: 0.5rem;
      vertical-align: middle;
    }

    .mat-mdc-cell.expand,
    .mat-mdc-header-cell:first-child {
      width: 3rem;
      padding-inline: 0.25rem;
    }

    .numeric {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    tr.record {
      cursor: pointer;
    }

    tr.record:hover {
      background: var(--mat-sys-surface-container-low);
    }

    tr.record.open {
      background: var(--mat-sys-surface-container);
    }

    tr.record.open td {
      border-bottom-color: transparent;
    }

    tr.record svg {
      transition: transform 120ms ease-out;
    }

    tr.record.open svg {
      transform: rotate(90deg);
    }

    tr.details-row[hidden] {
      display: none;
    }

    tr.details-row > td {
      background: var(--mat-sys-surface-container);
      padding: 0.5rem 1rem 1.25rem 3.5rem;
    }
  `,
})
export class RecordsTable {
  readonly table = input.required<RecordTable>();
  /** The id of the record whose details are open, if any. */
  readonly expandedId = input<number | null>(null);
  readonly toggled = output<number>();

  protected readonly label = computed(() => RECORD_KIND_LABELS[this.table().kind]);
  protected readonly columnIds = computed(() => ['expand', ...this.table().columns.map((column) => column.id)]);

  protected detailsId(row: RecordRow): string {
    return `${this.table().kind}-${row.id}-details`;
  }
}
