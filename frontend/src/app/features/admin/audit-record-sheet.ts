import { ChangeDetectionStrategy, Component, type Signal, ViewEncapsulation, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  type MatDialog,
  type MatDialogRef,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';

import { type AuditRecordDetail } from './model/audit.model';
import { AuditRecordView } from './ui/audit-record-view';

export interface AuditRecordSheetData {
  /** The id of the record shown (it changes when another row is opened while the sheet is open). */
  readonly id: Signal<number | null>;
  readonly record: Signal<AuditRecordDetail | null>;
  readonly loading: Signal<boolean>;
  /** Why the record could not be loaded, in words. */
  readonly error: Signal<string | null>;
  readonly currentUserId: string | null;
}

const PANEL_CLASS = 'app-audit-record-sheet';

/** One audit record in a side sheet over the audit log (the page keeps its id in the URL as `record`). */
@Component({
  selector: 'app-audit-record-sheet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The sheet's panel is outside this component: its shape is set here, scoped by the panel's own class.
  encapsulation: ViewEncapsulation.None,
  imports: [
    AuditRecordView,
    MatButton,
    MatIconButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatProgressBar,
  ],
  template: `
    <div class="app-audit-record-sheet-title">
      <h2 mat-dialog-title>Audit record {{ data.id() }}</h2>
      <button mat-icon-button type="button" mat-dialog-close aria-label="Close the record">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
          />
        </svg>
      </button>
    </div>
    <mat-dialog-content>
      @if (data.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the record" />
      }
      @if (data.error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      } @else if (data.record(); as record) {
        @if (record.id === data.id()) {
          <app-audit-record-view [record]="record" [currentUserId]="data.currentUserId" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .app-audit-record-sheet .mat-mdc-dialog-surface {
      border-radius: 0;
    }

    .app-audit-record-sheet-title {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding-inline-end: 0.75rem;
    }

    .app-audit-record-sheet .mat-mdc-dialog-content {
      max-height: none;
      flex: 1 1 auto;
    }
  `,
})
export class AuditRecordSheet {
  protected readonly data = inject<AuditRecordSheetData>(MAT_DIALOG_DATA);
}

/** Opens the side sheet at the right edge, full height. */
export function openAuditRecordSheet(
  dialog: MatDialog,
  data: AuditRecordSheetData,
): MatDialogRef<AuditRecordSheet, void> {
  return dialog.open<AuditRecordSheet, AuditRecordSheetData, void>(AuditRecordSheet, {
    data,
    panelClass: PANEL_CLASS,
    position: { top: '0', right: '0' },
    height: '100%',
    maxHeight: '100vh',
    width: '46rem',
    maxWidth: '100vw',
    autoFocus: 'dialog',
  });
}
