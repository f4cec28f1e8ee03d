import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltip } from '@angular/material/tooltip';

import { type QuotaWindow } from './quota.model';

const RESET_TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Share of the day's budget below which the quota is shown as running low. */
const LOW_SHARE = 0.1;

/** The remaining daily request quota, small, for the toolbar. Presentational. */
@Component({
  selector: 'app-quota-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatTooltip],
  template: `
    @let q = quota();
    <span class="quota" [attr.data-level]="level()" [matTooltip]="tooltip()" tabindex="0">
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M20.38 8.57l-1.23 1.85a8 8 0 0 1-.22 7.58H5.07A8 8 0 0 1 15.58 6.85l1.85-1.23A10 10 0 0 0 3.35 19a2 2 0 0 0 1.72 1h13.85a2 2 0 0 0 1.74-1 10 10 0 0 0-.27-10.44zm-9.79 6.84a2 2 0 0 0 2.83 0l5.66-8.49-8.49 5.66a2 2 0 0 0 0 2.83z"
        />
      </svg>
      @if (q.remaining === 0) {
        <span>Daily quota used up · renews {{ resetTime() }}</span>
      } @else {
        <span>{{ q.remaining | number }} of {{ q.limit | number }} requests left today</span>
      }
    </span>
  `,
  styles: `
    .quota {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.25rem 0.75rem;
      border-radius: var(--mat-sys-corner-full);
      border: 1px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .quota[data-level='low'] {
      border-color: transparent;
      background: color-mix(in srgb, #ed6c02 22%, transparent);
      color: var(--mat-sys-on-surface);
    }

    .quota[data-level='out'] {
      border-color: transparent;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class QuotaIndicator {
  readonly quota = input.required<QuotaWindow>();

  protected readonly level = computed(() => {
    const { remaining, limit } = this.quota();
    if (remaining === 0) {
      return 'out';
    }
    return remaining < limit * LOW_SHARE ? 'low' : 'ok';
  });
  protected readonly resetTime = computed(() => `at ${RESET_TIME.format(this.quota().resetAt)}`);
  protected readonly tooltip = computed(
    () =>
      `Your API requests today: ${this.quota().limit} a day in all, whatever you open. ` +
      `The count starts again ${this.resetTime()} (midnight UTC).`,
  );
}
