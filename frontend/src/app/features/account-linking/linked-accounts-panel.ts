import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';

import { AuthStore } from '../../core/auth/auth-store';
import { createSubmission } from '../../core/http/submission';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { DISPLAY_FORMAT, Formatter } from '../customers/model/display-format';
import { AccountLinksStore } from './data/account-links-store';
import { linkActionErrorMessage } from './model/account-links-messages';
import { type LinkEndDto, type LinkViewer } from './model/account-links.model';
import { type LinkRow, linkRows } from './model/linked-accounts-view';
import { LinkedAccountsTable } from './ui/linked-accounts-table';

/**
 * The Linked accounts tab of a customer's page: the account's links with their status, and Resend (pending links the
 * viewer's operator asked for) and Revoke (after a confirmation); a confirmed link opens the linked account's records.
 */
@Component({
  selector: 'app-linked-accounts-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LinkedAccountsTable, MatButton, MatProgressBar],
  providers: [AccountLinksStore],
  template: `
    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (actionError(); as message) {
      <p class="app-alert" role="alert">{{ message }}</p>
    }

    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the linked accounts" />
    }
    @if (store.error(); as error) {
      <div class="app-alert inline" role="alert">
        <span>The linked accounts could not be loaded. {{ errorMessage(error) }}</span>
        <button mat-stroked-button type="button" (click)="store.reload()">Try again</button>
      </div>
    } @else if (rows(); as rows) {
      @if (rows.length === 0) {
        <p class="placeholder">
          No linked accounts. <strong>Link account</strong> asks the owner of an account at another operator to confirm
          by email that it is theirs too.
        </p>
      } @else {
        <app-linked-accounts-table
          [rows]="rows"
          [busy]="acting()"
          (resend)="resend($event)"
          (revoke)="revoke($event)"
        />
      }
    }
  `,
  styles: `
    :host {
      display: block;
      padding-block: 1rem 0.5rem;
    }

    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }

    .placeholder {
      margin: 0.5rem 0;
      padding: 1.5rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LinkedAccountsPanel {
  /** The account whose links are shown (the page's customer). */
  readonly account = input.required<LinkEndDto>();

  protected readonly store = inject(AccountLinksStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly format = new Formatter(inject(DISPLAY_FORMAT));

  protected readonly errorMessage = linkActionErrorMessage;
  private readonly viewer = computed<LinkViewer>(() => ({
    role: this.auth.role(),
    operatorId: this.auth.user()?.operatorId ?? null,
  }));
  protected readonly rows = computed(() => {
    const links = this.store.links();
    return links ? linkRows(links, this.account(), this.viewer(), this.format) : null;
  });

  /** What the last action did, or why it was refused. */
  protected readonly notice = signal<string | null>(null);
  private readonly resending = createSubmission((id: string) => this.store.resend(id));
  private readonly revoking = createSubmission((id: string) => this.store.revoke(id));
  private readonly lastFailed = signal<'resend' | 'revoke' | null>(null);
  protected readonly acting = computed(() => this.resending.pending() || this.revoking.pending());
  protected readonly actionError = computed(() => {
    const error = this.lastFailed() === 'resend' ? this.resending.error() : this.revoking.error();
    return error && error.code !== 'ALREADY_PENDING' ? linkActionErrorMessage(error) : null;
  });

  constructor() {
    effect(() => {
      const { operatorId, customerId } = this.account();
      untracked(() => this.store.select({ operatorId, customerId }));
    });
  }

  protected async resend(row: LinkRow): Promise<void> {
    this.clearMessages();
    const result = await this.resending.run(row.id);
    if (result.ok) {
      const expires = this.format.dateTime(result.value.expiresAt).text;
      this.notice.set(
        `The confirmation email for ${row.otherLabel} was sent again. The earlier link no longer works; the new one expires ${expires}.`,
      );
    } else {
      this.lastFailed.set('resend');
    }
  }

  protected async revoke(row: LinkRow): Promise<void> {
    this.clearMessages();
    const confirmed = await confirmAction(this.dialog, {
      title: 'Revoke this link?',
      message:
        row.status === 'pending'
          ? `The confirmation link emailed for ${row.otherLabel} stops working, and nothing is shared.`
          : `Neither operator's staff will see the other account's records through this link any more, from the next ` +
            'request on. Linking the accounts again needs a new confirmation by email.',
      confirmLabel: 'Revoke',
    });
    if (!confirmed) {
      return;
    }
    const result = await this.revoking.run(row.id);
    if (result.ok) {
      this.notice.set(`The link with ${row.otherLabel} was revoked.`);
    } else {
      this.lastFailed.set('revoke');
    }
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.lastFailed.set(null);
    this.resending.clearError();
    this.revoking.clearError();
  }
}
