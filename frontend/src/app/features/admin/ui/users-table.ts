import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { type UserDto } from '../../../core/auth/auth.model';

/** The users list with per-row actions. Presentational. */
@Component({
  selector: 'app-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatAnchor, MatButton, MatTableModule, RouterLink],
  template: `
    <table mat-table [dataSource]="users()" aria-label="Users">
      <ng-container matColumnDef="email">
        <th mat-header-cell *matHeaderCellDef scope="col">Email</th>
        <td mat-cell *matCellDef="let user">{{ user.email }}</td>
      </ng-container>
      <ng-container matColumnDef="displayName">
        <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
        <td mat-cell *matCellDef="let user">{{ user.displayName }}</td>
      </ng-container>
      <ng-container matColumnDef="role">
        <th mat-header-cell *matHeaderCellDef scope="col">Role</th>
        <td mat-cell *matCellDef="let user">{{ user.role }}</td>
      </ng-container>
      <ng-container matColumnDef="operator">
        <th mat-header-cell *matHeaderCellDef scope="col">Operator</th>
        <td mat-cell *matCellDef="let user">{{ user.operatorId ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
        <td mat-cell *matCellDef="let user">{{ user.status === 'active' ? 'Active' : 'Disabled' }}</td>
      </ng-container>
      <ng-container matColumnDef="verified">
        <th mat-header-cell *matHeaderCellDef scope="col">Verified</th>
        <td mat-cell *matCellDef="let user">
          {{ user.verifiedAt ? (user.verifiedAt | date: 'mediumDate') : 'Not yet' }}
        </td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col">Actions</th>
        <td mat-cell *matCellDef="let user">
          <span class="actions">
            <button
              mat-button
              type="button"
              [attr.aria-label]="'Edit ' + user.email"
              [disabled]="busyId() === user.id"
              (click)="edit.emit(user)"
            >
              Edit
            </button>
            <button
              mat-button
              type="button"
              [attr.aria-label]="(user.status === 'active' ? 'Disable ' : 'Enable ') + user.email"
              [disabled]="busyId() === user.id || user.id === currentUserId()"
              (click)="toggleStatus.emit(user)"
            >
              {{ user.status === 'active' ? 'Disable' : 'Enable' }}
            </button>
            <a
              mat-button
              routerLink="/admin/audit"
              [queryParams]="{ actor: user.id }"
              [attr.aria-label]="'Audit log of ' + user.email"
            >
              Activity
            </a>
          </span>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let user; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    .actions {
      display: flex;
      gap: 0.25rem;
    }
  `,
})
export class UsersTable {
  readonly users = input.required<readonly UserDto[]>();
  /** The signed-in admin cannot disable themself. */
  readonly currentUserId = input<string | null>(null);
  /** A row with an action in flight. */
  readonly busyId = input<string | null>(null);
  readonly edit = output<UserDto>();
  readonly toggleStatus = output<UserDto>();

  protected readonly columns = ['email', 'displayName', 'role', 'operator', 'status', 'verified', 'actions'];
}
