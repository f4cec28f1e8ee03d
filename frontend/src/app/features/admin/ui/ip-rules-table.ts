import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';

import { formatDateTime } from '../../../shared/format/date-time';
import { type IpAllowDto, type IpBlockDto } from '../model/ip-rules.model';

function isBlock(rule: IpAllowDto | IpBlockDto): rule is IpBlockDto {
  return 'auto' in rule;
}

/** Blocks or allowlist entries, each with a Remove action. Presentational. */
@Component({
  selector: 'app-ip-rules-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatTableModule],
  template: `
    <table mat-table [dataSource]="rules()" [attr.aria-label]="label()">
      <ng-container matColumnDef="range">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Address or range</th>
        <td mat-cell *matCellDef="let rule" class="shrink range">{{ rule.range }}</td>
      </ng-container>
      <ng-container matColumnDef="kind">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Kind</th>
        <td mat-cell *matCellDef="let rule" class="shrink">
          <span class="kind" [attr.data-auto]="auto(rule)">{{ auto(rule) ? 'Automatic' : 'Manual' }}</span>
        </td>
      </ng-container>
      <ng-container matColumnDef="reason">
        <th mat-header-cell *matHeaderCellDef scope="col" class="reason">Reason</th>
        <td mat-cell *matCellDef="let rule" class="reason">{{ rule.reason }}</td>
      </ng-container>
      <ng-container matColumnDef="expires">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Expires</th>
        <td mat-cell *matCellDef="let rule" class="shrink">
          @if (rule.expiresAt) {
            <time [attr.datetime]="rule.expiresAt">{{ time(rule.expiresAt) }}</time>
          } @else {
            Never
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="created">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Added</th>
        <td mat-cell *matCellDef="let rule" class="shrink">
          <time [attr.datetime]="rule.createdAt">{{ time(rule.createdAt) }}</time>
          <div class="secondary">
            @if (rule.createdBy; as creator) {
              by <span [attr.title]="creator.email">{{ creator.displayName }}</span>
            } @else if (auto(rule)) {
              by the system
            }
          </div>
        </td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">
          <span class="visually-hidden">Actions</span>
        </th>
        <td mat-cell *matCellDef="let rule" class="shrink">
          <button
            mat-button
            type="button"
            [attr.aria-label]="removeLabel() + ' ' + rule.range"
            [disabled]="busyId() === rule.id"
            (click)="remove.emit(rule)"
          >
            Remove
          </button>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr mat-row *matRowDef="let rule; columns: columns()"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    .range {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.875rem;
    }

    .reason {
      width: 100%;
      min-width: 14rem;
    }

    /* Columns as wide as their content; the reason takes the rest. */
    .shrink {
      white-space: nowrap;
    }

    td {
      padding-block: 0.5rem;
    }

    .secondary {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }

    .kind {
      display: inline-block;
      padding: 0.0625rem 0.5rem;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-medium);
    }

    .kind[data-auto='true'] {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
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
export class IpRulesTable {
  readonly rules = input.required<readonly (IpAllowDto | IpBlockDto)[]>();
  /** The table's accessible name: "IP blocks", "Allowlist". */
  readonly label = input.required<string>();
  /** The Remove buttons' accessible name, followed by the range: "Unblock" → "Unblock 203.0.113.0/24". */
  readonly removeLabel = input.required<string>();
  /** Whether to show manual/automatic (blocks). */
  readonly showKind = input(false);
  readonly busyId = input<string | null>(null);
  readonly remove = output<IpAllowDto | IpBlockDto>();

  protected readonly columns = computed(() =>
    this.showKind()
      ? ['range', 'kind', 'reason', 'expires', 'created', 'actions']
      : ['range', 'reason', 'expires', 'created', 'actions'],
  );

  protected auto(rule: IpAllowDto | IpBlockDto): boolean {
    return isBlock(rule) && rule.auto;
  }

  protected time(iso: string): string {
    return formatDateTime(iso);
  }
}
