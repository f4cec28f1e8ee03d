import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';

import { type ModeDto } from '../model/operators.model';

/** The transport modes; with `manageable`, per-row Edit and Delete buttons. Presentational. */
@Component({
  selector: 'app-modes-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatTableModule],
  template: `
    <table mat-table [dataSource]="modes()" aria-label="Modes">
      <ng-container matColumnDef="id">
        <th mat-header-cell *matHeaderCellDef scope="col">ID</th>
        <td mat-cell *matCellDef="let mode">{{ mode.id }}</td>
      </ng-container>
      <ng-container matColumnDef="shortDesc">
        <th mat-header-cell *matHeaderCellDef scope="col">Short description</th>
        <td mat-cell *matCellDef="let mode" class="nowrap">{{ mode.shortDesc }}</td>
      </ng-container>
      <ng-container matColumnDef="longDesc">
        <th mat-header-cell *matHeaderCellDef scope="col">Long description</th>
        <td mat-cell *matCellDef="let mode">{{ mode.longDesc }}</td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col">Actions</th>
        <td mat-cell *matCellDef="let mode">
          <span class="actions">
            <button
              mat-button
              type="button"
              [attr.aria-label]="'Edit mode ' + mode.shortDesc"
              [disabled]="busyId() === mode.id"
              (click)="edit.emit(mode)"
            >
              Edit
            </button>
            <button
              mat-button
              type="button"
              [attr.aria-label]="'Delete mode ' + mode.shortDesc"
              [disabled]="busyId() === mode.id"
              (click)="delete.emit(mode)"
            >
              Delete
            </button>
          </span>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr mat-row *matRowDef="let mode; columns: columns()"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    .mat-mdc-cell,
    .mat-mdc-header-cell {
      padding: 0.5rem;
      vertical-align: top;
    }

    .nowrap {
      white-space: nowrap;
    }

    .actions {
      display: flex;
      gap: 0.25rem;
    }
  `,
})
export class ModesTable {
  readonly modes = input.required<readonly ModeDto[]>();
  readonly manageable = input(false);
  readonly busyId = input<string | null>(null);
  readonly edit = output<ModeDto>();
  readonly delete = output<ModeDto>();

  protected columns(): string[] {
    return this.manageable() ? ['id', 'shortDesc', 'longDesc', 'actions'] : ['id', 'shortDesc', 'longDesc'];
  }
}
