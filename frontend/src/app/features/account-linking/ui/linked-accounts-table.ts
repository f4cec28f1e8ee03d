import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { CellValue } from '../../customers/ui/cell-value';
import { type LinkRow } from '../model/linked-accounts-view';
import { LinkStatusChip } from './link-status-chip';

/**
 * An account's links: status, the account at the other end, when it was asked for and confirmed, and what the viewer
 * may do (view the linked records, send the email again, revoke). Presentational: emits the actions.
 */
@Component({
  selector: 'app-linked-accounts-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CellValue, LinkStatusChip, MatButton, MatTableModule, RouterLink],
  template: `
    <table mat-table [dataSource]="rows()" aria-label="Linked accounts">
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
        <td mat-cell *matCellDef="let row">
          <div class="stack">
            <app-link-status-chip [status]="row.status" />
            @if (row.statusDetail; as detail) {
              <!-- Leading spaces keep the lines apart in the text (and for screen readers); layout drops them. -->
              <span class="secondary"> {{ detail.label }} <app-cell-value class="inline" [cell]="detail.cell" /> </span>
            }
          </div>
        </td>
      </ng-container>
      <ng-container matColumnDef="account">
        <th mat-header-cell *matHeaderCellDef scope="col">Linked account</th>
        <td mat-cell *matCellDef="let row">
          <div class="stack">
            <span class="operator">{{ row.other.operatorName }} ({{ row.other.operatorId }})</span>
            <span class="secondary"> Customer {{ row.other.customerId }}</span>
          </div>
        </td>
      </ng-container>
      <ng-container matColumnDef="requested">
        <th mat-header-cell *matHeaderCellDef scope="col">Requested</th>
        <td mat-cell *matCellDef="let row">
          <app-cell-value [cell]="row.requested" />
        </td>
      </ng-container>
      <ng-container matColumnDef="confirmed">
        <th mat-header-cell *matHeaderCellDef scope="col">Confirmed</th>
        <td mat-cell *matCellDef="let row">
          @if (row.confirmed; as confirmed) {
            <app-cell-value [cell]="confirmed" />
          } @else {
            <span class="none">—</span>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
        <td mat-cell *matCellDef="let row" class="actions">
          @if (row.records; as records) {
            @if (records.kind === 'linked-records') {
              <a mat-flat-button [routerLink]="records.path" [attr.aria-label]="'View records of ' + row.otherLabel"
                >View records</a
              >
            } @else {
              <a mat-stroked-button [routerLink]="records.path" [attr.aria-label]="'Open ' + row.otherLabel"
                >Open account</a
              >
            }
          }
          @if (row.canResend) {
            <button
              mat-stroked-button
              type="button"
              [disabled]="busy()"
              [attr.aria-label]="'Resend the confirmation email for ' + row.otherLabel"
              (click)="resend.emit(row)"
            >
              Resend
            </button>
          }
          @if (row.canRevoke) {
            <button
              mat-button
              type="button"
              class="revoke"
              [disabled]="busy()"
              [attr.aria-label]="'Revoke the link with ' + row.otherLabel"
              (click)="revoke.emit(row)"
            >
              Revoke
            </button>
          }
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
      --mat-table-row-item-label-text-size: 0.875rem;
      --mat-table-header-headline-size: 0.8125rem;
      --mat-table-header-headline-color: var(--mat-sys-on-surface-variant);
    }

    .mat-mdc-header-cell,
    .mat-mdc-cell {
      padding-block: 0.75rem;
      padding-inline: 0.5rem;
      vertical-align: middle;
    }

    .stack {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.25rem;
    }

    .operator {
      font-weight: 500;
    }

    .secondary,
    .none {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }

    .inline {
      display: inline;
    }

    .actions {
      text-align: end;
      white-space: nowrap;
    }

    .actions > * + * {
      margin-inline-start: 0.5rem;
    }

    .revoke {
      --mat-button-text-label-text-color: var(--mat-sys-error);
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
export class LinkedAccountsTable {
  readonly rows = input.required<readonly LinkRow[]>();
  /** An action is under way: the buttons wait. */
  readonly busy = input(false);
  readonly resend = output<LinkRow>();
  readonly revoke = output<LinkRow>();

  protected readonly columns = ['status', 'account', 'requested', 'confirmed', 'actions'];
}
