import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';

import { formatDateTime } from '../../../shared/format/date-time';
import {
  AUDIT_CLOCK_FORMAT,
  AUDIT_DATE_FORMAT,
  actorLabel,
  isRequest,
  recordSummary,
  statusTone,
} from '../model/audit-format';
import { type AuditRecord } from '../model/audit.model';

/** A page of audit records: requests and events, newest first, each with a Details button. Presentational. */
@Component({
  selector: 'app-audit-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatTableModule],
  template: `
    <table mat-table [dataSource]="records()" aria-label="Audit records">
      <ng-container matColumnDef="time">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Time</th>
        <td mat-cell *matCellDef="let record" class="shrink">
          <time [attr.datetime]="record.at">
            <div>{{ day(record.at) }}</div>
            <div class="secondary">{{ clock(record.at) }}</div>
          </time>
        </td>
      </ng-container>
      <ng-container matColumnDef="actor">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Actor</th>
        <td mat-cell *matCellDef="let record" class="shrink">
          @let actor = actorOf(record);
          <div>{{ actor.name }}</div>
          @if (actor.detail) {
            <div class="secondary" [attr.title]="actor.id">{{ actor.detail }}</div>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="ip">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">IP address</th>
        <td mat-cell *matCellDef="let record" class="shrink mono">{{ record.ip ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="what">
        <th mat-header-cell *matHeaderCellDef scope="col" class="what">Request or event</th>
        <td mat-cell *matCellDef="let record" class="what">
          @if (isRequest(record)) {
            <span class="method">{{ record.method }}</span>&ngsp;<span class="mono">{{
              record.route ?? record.path
            }}</span>
            @if (record.route && record.path && record.path !== record.route) {
              <div class="secondary mono">{{ record.path }}</div>
            }
            @if (record.errorCode) {
              <div class="secondary error-code">{{ record.errorCode }}</div>
            }
          } @else {
            <span class="event">{{ record.type }}</span>
            @if (record.entity) {
              <div class="secondary">{{ record.entity }} {{ record.entityId }}</div>
            }
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Status</th>
        <td mat-cell *matCellDef="let record" class="shrink">
          @if (record.status !== null) {
            <span class="status" [attr.data-tone]="tone(record.status)">{{ record.status }}</span>
          } @else {
            <span class="secondary">—</span>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="duration">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">Duration</th>
        <td mat-cell *matCellDef="let record" class="shrink numeric">
          {{ record.durationMs === null ? '—' : record.durationMs + ' ms' }}
        </td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef scope="col" class="shrink">
          <span class="visually-hidden">Actions</span>
        </th>
        <td mat-cell *matCellDef="let record" class="shrink">
          <button
            mat-button
            type="button"
            [attr.aria-label]="'Details of record ' + record.id + ': ' + summary(record)"
            (click)="$event.stopPropagation(); opened.emit(record)"
          >
            Details
          </button>
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr
        mat-row
        *matRowDef="let record; columns: columns"
        [class.selected]="record.id === selectedId()"
        (click)="opened.emit(record)"
      ></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }

    tr.mat-mdc-row {
      cursor: pointer;
    }

    tr.mat-mdc-row:hover {
      background: var(--mat-sys-surface-container-low);
    }

    tr.selected {
      background: var(--mat-sys-secondary-container);
    }

    th {
      white-space: nowrap;
    }

    td {
      vertical-align: top;
      padding-block: 0.5rem;
    }

    td button {
      margin-block: -0.375rem;
    }

    /* Columns as wide as their content; "Request or event" takes the rest. */
    .shrink {
      white-space: nowrap;
    }

    .numeric {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }

    .secondary {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }

    .what {
      width: 100%;
      min-width: 16rem;
    }

    .error-code {
      color: var(--mat-sys-error);
      font-weight: 500;
    }

    .method {
      display: inline-block;
      min-width: 3.5rem;
      margin-inline-end: 0.5rem;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-primary);
    }

    .event {
      display: inline-block;
      padding: 0.0625rem 0.5rem;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-medium);
    }

    .status {
      display: inline-block;
      min-width: 2.5rem;
      padding: 0.0625rem 0.5rem;
      border-radius: var(--mat-sys-corner-small);
      text-align: center;
      font: var(--mat-sys-label-medium);
      font-variant-numeric: tabular-nums;
      background: var(--mat-sys-surface-container-high);
    }

    .status[data-tone='success'] {
      background: color-mix(in srgb, #2e7d32 18%, transparent);
    }

    .status[data-tone='client-error'] {
      background: color-mix(in srgb, #ed6c02 22%, transparent);
    }

    .status[data-tone='server-error'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
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
export class AuditTable {
  readonly records = input.required<readonly AuditRecord[]>();
  /** The signed-in admin, shown as "You". */
  readonly currentUserId = input<string | null>(null);
  /** The record open in detail, highlighted. */
  readonly selectedId = input<number | null>(null);
  readonly opened = output<AuditRecord>();

  protected readonly columns = ['time', 'actor', 'ip', 'what', 'status', 'duration', 'actions'];
  protected readonly isRequest = isRequest;
  protected readonly summary = recordSummary;
  protected readonly tone = statusTone;

  protected day(iso: string): string {
    return formatDateTime(iso, AUDIT_DATE_FORMAT);
  }

  protected clock(iso: string): string {
    return formatDateTime(iso, AUDIT_CLOCK_FORMAT);
  }

  protected actorOf(record: AuditRecord) {
    return actorLabel(record.actor, this.currentUserId());
  }
}
