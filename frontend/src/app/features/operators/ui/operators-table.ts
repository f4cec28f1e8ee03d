import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatSort, MatSortHeader, type Sort, type SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { OPERATOR_KIND_SHORT_LABELS, type OperatorDto, type OperatorSort } from '../model/operators.model';
import { BreakableText } from './breakable-text';
import { ExternalLink } from './external-link';

/** `sort=name|-name|id|-id` ⇄ mat-sort's active column and direction. */
export function sortFromMatSort(sort: Sort): OperatorSort {
  const column = sort.active === 'id' ? 'id' : 'name';
  return sort.direction === 'desc' ? `-${column}` : column;
}

/** The operator query results with every field. Presentational; names link to the detail page. */
@Component({
  selector: 'app-operators-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BreakableText, ExternalLink, MatSort, MatSortHeader, RouterLink, MatTableModule],
  template: `
    <table
      mat-table
      [dataSource]="operators()"
      aria-label="Operators"
      matSort
      matSortDisableClear
      [matSortActive]="sortActive()"
      [matSortDirection]="sortDirection()"
      (matSortChange)="sortChange.emit(toSort($event))"
    >
      <ng-container matColumnDef="id">
        <th mat-header-cell *matHeaderCellDef scope="col" mat-sort-header sortActionDescription="Sort by ID">ID</th>
        <td mat-cell *matCellDef="let operator">{{ operator.id }}</td>
      </ng-container>
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef scope="col" mat-sort-header sortActionDescription="Sort by name">Name</th>
        <td mat-cell *matCellDef="let operator">
          <a [routerLink]="['/operators', operator.id]">{{ operator.name }}</a>
        </td>
      </ng-container>
      <ng-container matColumnDef="kind">
        <th mat-header-cell *matHeaderCellDef scope="col">Kind</th>
        <td mat-cell *matCellDef="let operator">{{ kindLabels[operator.kind] ?? operator.kind }}</td>
      </ng-container>
      <ng-container matColumnDef="modes">
        <th mat-header-cell *matHeaderCellDef scope="col">Modes</th>
        <td mat-cell *matCellDef="let operator">{{ modeNames(operator) }}</td>
      </ng-container>
      <ng-container matColumnDef="homepage">
        <th mat-header-cell *matHeaderCellDef scope="col">Homepage</th>
        <td mat-cell *matCellDef="let operator" class="url"><app-external-link [url]="operator.homepage" /></td>
      </ng-container>
      <ng-container matColumnDef="email">
        <th mat-header-cell *matHeaderCellDef scope="col">Email</th>
        <td mat-cell *matCellDef="let operator" class="url">
          @if (operator.email) {
            <app-breakable-text [text]="operator.email" />
          } @else {
            —
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="phone">
        <th mat-header-cell *matHeaderCellDef scope="col">Phone</th>
        <td mat-cell *matCellDef="let operator" class="nowrap">{{ operator.phone || '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="language">
        <th mat-header-cell *matHeaderCellDef scope="col">Language</th>
        <td mat-cell *matCellDef="let operator">{{ operator.defaultLanguage }}</td>
      </ng-container>
      <ng-container matColumnDef="mipta">
        <th mat-header-cell *matHeaderCellDef scope="col">MIPTA URLs</th>
        <td mat-cell *matCellDef="let operator" class="url">
          @for (url of operator.miptaUrls; track $index) {
            <app-external-link [url]="url" />
          } @empty {
            —
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="customerAccountUrl">
        <th mat-header-cell *matHeaderCellDef scope="col">Customer-account URL</th>
        <td mat-cell *matCellDef="let operator" class="url">
          <app-external-link [url]="operator.customerAccountUrl" />
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let operator; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    table {
      --mat-table-row-item-label-text-size: 0.8125rem;
      --mat-table-header-headline-size: 0.8125rem;
      --mat-table-header-container-height: 2.5rem;
    }

    .mat-mdc-cell,
    .mat-mdc-header-cell {
      padding: 0.5rem 0.25rem;
      vertical-align: top;
    }

    .mat-mdc-cell:first-child,
    .mat-mdc-header-cell:first-child {
      padding-inline-start: 0.5rem;
    }

    .url {
      min-width: 5.5rem;
      max-width: 8.5rem;
      overflow-wrap: break-word;
    }

    .url app-external-link {
      display: block;
    }

    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class OperatorsTable {
  readonly operators = input.required<readonly OperatorDto[]>();
  readonly sort = input.required<OperatorSort>();
  readonly sortChange = output<OperatorSort>();

  protected readonly columns = [
    'id',
    'name',
    'kind',
    'modes',
    'homepage',
    'email',
    'phone',
    'language',
    'mipta',
    'customerAccountUrl',
  ];
  protected readonly kindLabels: Partial<Record<string, string>> = OPERATOR_KIND_SHORT_LABELS;
  protected readonly sortActive = computed(() => this.sort().replace(/^-/, ''));
  protected readonly sortDirection = computed<SortDirection>(() => (this.sort().startsWith('-') ? 'desc' : 'asc'));
  protected readonly toSort = sortFromMatSort;

  protected modeNames(operator: OperatorDto): string {
    return operator.modes.map((mode) => mode.shortDesc).join(', ') || '—';
  }
}
