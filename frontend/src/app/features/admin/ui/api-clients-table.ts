import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';

import { type ApiClientDto } from '../model/admin.model';

/** The API clients list with a revoke action per live client. Presentational. */
@Component({
  selector: 'app-api-clients-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, MatTableModule],
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
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let client; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
  `,
})
export class ApiClientsTable {
  readonly clients = input.required<readonly ApiClientDto[]>();
  readonly busyId = input<string | null>(null);
  readonly revoke = output<ApiClientDto>();

  protected readonly columns = ['name', 'prefix', 'scopes', 'operator', 'expires', 'lastUsed', 'revoked'];
}
