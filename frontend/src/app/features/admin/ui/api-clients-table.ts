import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { type ApiClientDto } from '../model/admin.model';

/** The API clients list with a revoke action per live client. Presentational. */
@Component({
  selector: 'app-api-clients-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, MatAnchor, MatButton, MatTableModule, RouterLink],
  template: `
    <table mat-table [dataSource]="clients()" aria-label="API clients">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
        <td mat-cell *matCellDef="let client">{{ client.name }}</td>
      </ng-container>
      <ng-container matColumnDef="prefix">
        <th mat-header-cell *matHeaderCellDef scope="col">Key prefix</th>
        <td mat-cell *matCellDef="let client">
          <code>{{ client.keyPrefix }}</code>
        </td>
      </ng-container>
      <ng-container matColumnDef="scopes">
        <th mat-header-cell *matHeaderCellDef scope="col">Scopes</th>
        <td mat-cell *matCellDef="let client">{{ client.scopes.join(', ') }}</td>
      </ng-container>
      <ng-container matColumnDef="operator">
        <th mat-header-cell *matHeaderCellDef scope="col">Operator</th>
        <td mat-cell *matCellDef="let client">{{ client.operatorId ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="expires">
        <th mat-header-cell *matHeaderCellDef scope="col">Expires</th>
        <td mat-cell *matCellDef="let client">
          {{ client.expiresAt ? (client.expiresAt | date: 'mediumDate') : 'Never' }}
        </td>
      </ng-container>
      <ng-container matColumnDef="dailyLimit">
        <th mat-header-cell *matHeaderCellDef scope="col">Daily limit</th>
        <td mat-cell *matCellDef="let client">
          <span class="limit">
            {{ client.dailyLimit === null ? 'Default' : (client.dailyLimit | number) }}
            @if (!client.revokedAt) {
              <button
                mat-button
                type="button"
                [attr.aria-label]="'Change the daily limit of ' + client.name"
                [disabled]="busyId() === client.id"
                (click)="changeLimit.emit(client)"
              >
                Change
              </button>
            }
          </span>
        </td>
      </ng-container>
      <ng-container matColumnDef="lastUsed">
        <th mat-header-cell *matHeaderCellDef scope="col">Last used</th>
        <td mat-cell *matCellDef="let client">
          {{ client.lastUsedAt ? (client.lastUsedAt | date: 'medium') : 'Never' }}
        </td>
      </ng-container>
      <ng-container matColumnDef="revoked">
        <th mat-header-cell *matHeaderCellDef scope="col">Revoked</th>
        <td mat-cell *matCellDef="let client">
          @if (client.revokedAt) {
            {{ client.revokedAt | date: 'medium' }}
          } @else {
            <button
              mat-button
              type="button"
              [attr.aria-label]="'Revoke ' + client.name"
              [disabled]="busyId() === client.id"
              (click)="revoke.emit(client)"
            >
              Revoke
            </button>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="activity">
        <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Audit log</span></th>
        <td mat-cell *matCellDef="let client">
          <a
            mat-button
            routerLink="/admin/audit"
            [queryParams]="{ actor: client.id }"
            [attr.aria-label]="'Audit log of ' + client.name"
          >
            Activity
          </a>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let client; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    .limit {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
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
export class ApiClientsTable {
  readonly clients = input.required<readonly ApiClientDto[]>();
  readonly busyId = input<string | null>(null);
  readonly revoke = output<ApiClientDto>();
  readonly changeLimit = output<ApiClientDto>();

  protected readonly columns = [
    'name',
    'prefix',
    'scopes',
    'operator',
    'expires',
    'dailyLimit',
    'lastUsed',
    'revoked',
    'activity',
  ];
}
