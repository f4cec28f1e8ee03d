import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { formatDateTime } from '../../../shared/format/date-time';
import { AUDIT_TIME_FORMAT } from '../model/audit-format';
import { type AuditVerification } from '../model/audit.model';

/** The result of a chain check: intact, or the first record altered or removed (with a link to it). */
@Component({
  selector: 'app-chain-verification',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatIconButton, RouterLink],
  template: `
    @let v = verification();
    <section
      class="result"
      [attr.data-ok]="v.ok"
      [attr.role]="v.ok ? 'status' : 'alert'"
      aria-labelledby="chain-verification-heading"
    >
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
        @if (v.ok) {
          <path
            fill="currentColor"
            d="M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5zm-2 16-4-4 1.41-1.41L10 14.17l6.59-6.59L18 9z"
          />
        } @else {
          <path fill="currentColor" d="M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z" />
        }
      </svg>
      <div class="text">
        <h2 id="chain-verification-heading">{{ v.ok ? 'Audit chain intact' : 'Audit chain broken' }}</h2>
        @if (v.problem; as problem) {
          <p>
            {{ sentence(problem.message) }}
            @if (problem.kind === 'altered') {
              <a [routerLink]="[]" [queryParams]="{ record: problem.id }" queryParamsHandling="merge">
                Open record {{ problem.id }}
              </a>
            }
          </p>
        } @else {
          <p>
            {{ v.checked | number }} {{ v.checked === 1 ? 'record' : 'records' }} checked{{ range() }}: every record
            matches its hash and follows the one before it.
          </p>
        }
        <p class="when">Checked {{ verifiedAt() }}</p>
      </div>
      <button mat-icon-button type="button" aria-label="Dismiss the verification result" (click)="dismissed.emit()">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
          />
        </svg>
      </button>
    </section>
  `,
  styles: `
    .result {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      margin: 0 0 1rem;
      padding: 1rem 1rem 1rem 1.25rem;
      border-radius: var(--mat-sys-corner-medium);
      background: color-mix(in srgb, #2e7d32 14%, var(--mat-sys-surface));
      color: var(--mat-sys-on-surface);
    }

    .result[data-ok='false'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    svg {
      flex: none;
      margin-top: 0.125rem;
    }

    .result[data-ok='true'] > svg {
      color: #2e7d32;
    }

    .text {
      flex: 1 1 auto;
    }

    h2 {
      margin: 0 0 0.25rem !important;
      font: var(--mat-sys-title-medium) !important;
    }

    p {
      margin: 0;
    }

    .when {
      margin-top: 0.25rem;
      font: var(--mat-sys-body-small);
      opacity: 0.8;
    }
  `,
})
export class ChainVerification {
  readonly verification = input.required<AuditVerification>();
  readonly dismissed = output();

  protected sentence(message: string): string {
    return /[.!?]$/.test(message) ? message : `${message}.`;
  }

  protected readonly verifiedAt = computed(() => formatDateTime(this.verification().verifiedAt, AUDIT_TIME_FORMAT));
  protected readonly range = computed(() => {
    const { anchor, head, checked } = this.verification();
    return checked > 0 ? ` (records ${anchor.seq + 1} to ${head.seq})` : '';
  });
}
