import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { type CustomerSummaryDto } from '../model/customers.model';

/** The customer search results; a row (or the name, for keyboards) opens the customer. Presentational. */
@Component({
  selector: 'app-customers-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, RouterLink],
  template: `
    <table mat-table [dataSource]="customers()" aria-label="Customers">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
        <td mat-cell *matCellDef="let customer" class="name">
          <a [routerLink]="['/customers', customer.operatorId, customer.customerId]">{{ customer.name }}</a>
        </td>
      </ng-container>
      <ng-container matColumnDef="customerId">
        <th mat-header-cell *matHeaderCellDef scope="col">Customer ID</th>
        <td mat-cell *matCellDef="let customer" class="code">{{ customer.customerId }}</td>
      </ng-container>
      <ng-container matColumnDef="operator">
        <th mat-header-cell *matHeaderCellDef scope="col">Operator</th>
        <td mat-cell *matCellDef="let customer">
          {{ customer.operatorName }} <span class="muted">({{ customer.operatorId }})</span>
        </td>
      </ng-container>
      <ng-container matColumnDef="email">
        <th mat-header-cell *matHeaderCellDef scope="col">Email</th>
        <td mat-cell *matCellDef="let customer" class="email">{{ customer.email }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let customer; columns: columns" (click)="open($event, customer)"></tr>
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

    tr.mat-mdc-row {
      cursor: pointer;
    }

    tr.mat-mdc-row:hover {
      background: var(--mat-sys-surface-container-low);
    }

    .name a {
      font-weight: 500;
      text-decoration: none;
    }

    .name a:hover,
    .name a:focus-visible {
      text-decoration: underline;
    }

    .code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
    }

    .muted {
      color: var(--mat-sys-on-surface-variant);
    }

    .email {
      overflow-wrap: anywhere;
    }
  `,
})
export class CustomersTable {
  readonly customers = input.required<readonly CustomerSummaryDto[]>();
  /** A row was clicked outside its link. */
  readonly opened = output<CustomerSummaryDto>();

  protected readonly columns = ['name', 'customerId', 'operator', 'email'];

  protected open(event: MouseEvent, customer: CustomerSummaryDto): void {
    // The name link navigates by itself (and keeps middle- and ctrl-click working).
    if (event.target instanceof Element && event.target.closest('a')) {
      return;
    }
    this.opened.emit(customer);
  }
}
