import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { LINK_STATUS_LABELS, type LinkStatus } from '../model/account-links.model';

/** Material Symbols paths: check, schedule, block, timer-off, link-off. */
const ICONS: Readonly<Record<LinkStatus, string>> = {
  confirmed: 'M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z',
  pending:
    'M11.99 2C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2M12 20c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8m.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67z',
  declined:
    'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2M4 12c0-4.42 3.58-8 8-8 1.85 0 3.55.63 4.9 1.69L5.69 16.9A7.9 7.9 0 0 1 4 12m8 8c-1.85 0-3.55-.63-4.9-1.69L18.31 7.1A7.9 7.9 0 0 1 20 12c0 4.42-3.58 8-8 8',
  expired:
    'M10 1h4v2h-4zm9.03 6.39 1.42-1.42c-.43-.51-.9-.99-1.41-1.41l-1.42 1.42A9 9 0 0 0 12 4c-1.7 0-3.28.47-4.64 1.29l1.46 1.46A7 7 0 0 1 12 6c3.87 0 7 3.13 7 7 0 1.15-.29 2.23-.77 3.19l1.46 1.46A9 9 0 0 0 21 13c0-2.12-.74-4.07-1.97-5.61M2.81 2.81 1.39 4.22l2.76 2.76A9 9 0 0 0 3 13c0 4.97 4.02 9 9 9 2.12 0 4.07-.74 5.61-1.97l2.17 2.17 1.41-1.41zM12 20c-3.87 0-7-3.13-7-7 0-1.29.35-2.49.96-3.53l9.57 9.57A6.9 6.9 0 0 1 12 20',
  revoked:
    'M14.39 11 16 12.61V11zM17 7h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1 0 1.27-.77 2.37-1.87 2.84l1.4 1.4A4.99 4.99 0 0 0 22 12c0-2.76-2.24-5-5-5M2 4.27l3.11 3.11A4.99 4.99 0 0 0 2 12c0 2.76 2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1 0-1.59 1.21-2.9 2.76-3.07L8.73 11H8v2h2.73L13 15.27V17h1.73l4.01 4L20 19.74 3.27 3z',
};

/** A link's status as a small coloured chip with an icon; the text is the status's name. */
@Component({
  selector: 'app-link-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-status]': 'status()' },
  template: `
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path fill="currentColor" [attr.d]="icon()" />
    </svg>
    <span>{{ label() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 0.375rem;
      align-items: center;
      padding: 0.125rem 0.625rem 0.125rem 0.5rem;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }

    :host([data-status='confirmed']) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }

    :host([data-status='pending']) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }

    :host([data-status='declined']),
    :host([data-status='revoked']) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class LinkStatusChip {
  readonly status = input.required<LinkStatus>();

  protected readonly label = computed(() => LINK_STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => ICONS[this.status()]);
}
