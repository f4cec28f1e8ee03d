import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';

import { type ApiError } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { IpRulesStore } from './data/ip-rules-store';
import { adminErrorMessage } from './model/admin-messages';
import { type CreateIpRuleRequest, type IpAllowDto, type IpBlockDto } from './model/ip-rules.model';
import { IpRuleForm } from './ui/ip-rule-form';
import { IpRulesTable } from './ui/ip-rules-table';

/** An IP list error in words: an expiry the server found past is said plainly. */
function ipRuleErrorMessage(error: ApiError): string {
  const details = Array.isArray(error.details) ? (error.details as { field?: unknown }[]) : [];
  if (error.code === 'VALIDATION_FAILED' && details.some((detail) => detail.field === 'expiresAt')) {
    return 'Choose an expiry in the future.';
  }
  return adminErrorMessage(error);
}

/**
 * `/admin/ip-blocklist`: the blocks in force (manual and automatic, with their expiry), block and unblock; the
 * allowlist of ranges that are never banned automatically, add and remove.
 */
@Component({
  selector: 'app-ip-blocklist-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IpRuleForm, IpRulesTable, MatButton, MatProgressBar],
  providers: [IpRulesStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <div>
        <h1>IP blocklist</h1>
        <p class="lead">
          Requests from a blocked address are refused (403 <code>IP_BLOCKED</code>) before anything else runs. Addresses
          that fail too many sign-ins, hit the request limits too often or send invalid credentials are banned
          automatically for a while, unless they are on the allowlist.
        </p>
      </div>
      <span class="spacer"></span>
      <button
        mat-stroked-button
        type="button"
        [disabled]="store.blocksLoading() || store.allowsLoading()"
        (click)="store.reload()"
      >
        Refresh
      </button>
    </div>

    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (removeError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }

    <section aria-labelledby="blocks-heading">
      <h2 id="blocks-heading">Blocked addresses</h2>
      @if (store.blocksLoading() && !store.blocksLoaded()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the blocks" />
      }
      @if (store.blocksError(); as error) {
        <p class="app-alert" role="alert">The blocks could not be loaded. {{ message(error) }}</p>
      } @else if (store.blocksLoaded()) {
        @if (store.blocks().length === 0) {
          <p class="empty">No address is blocked.</p>
        } @else {
          <app-ip-rules-table
            label="IP blocks"
            removeLabel="Unblock"
            [rules]="store.blocks()"
            [showKind]="true"
            [busyId]="busyId()"
            (remove)="unblock($event)"
          />
        }
      }
      <div class="card">
        <h3>Block an address or range</h3>
        <app-ip-rule-form
          #blockForm
          label="Block an address or range"
          submitLabel="Block"
          [pending]="blocking.pending()"
          [error]="blockError()"
          (submitted)="block($event)"
        />
      </div>
    </section>

    <section aria-labelledby="allows-heading">
      <h2 id="allows-heading">Allowlist</h2>
      <p class="lead">Addresses and ranges that are never banned automatically (a manual block still applies).</p>
      @if (store.allowsLoading() && !store.allowsLoaded()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the allowlist" />
      }
      @if (store.allowsError(); as error) {
        <p class="app-alert" role="alert">The allowlist could not be loaded. {{ message(error) }}</p>
      } @else if (store.allowsLoaded()) {
        @if (store.allows().length === 0) {
          <p class="empty">The allowlist is empty.</p>
        } @else {
          <app-ip-rules-table
            label="Allowlist"
            removeLabel="Remove from the allowlist"
            [rules]="store.allows()"
            [busyId]="busyId()"
            (remove)="removeAllow($event)"
          />
        }
      }
      <div class="card">
        <h3>Add to the allowlist</h3>
        <app-ip-rule-form
          #allowForm
          label="Add to the allowlist"
          submitLabel="Add to the allowlist"
          [pending]="allowing.pending()"
          [error]="allowError()"
          (submitted)="allow($event)"
        />
      </div>
    </section>
  `,
  styles: `
    .heading {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: flex-start;
    }

    .heading h1 {
      margin: 0;
    }

    .lead {
      margin: 0.25rem 0 0.75rem;
      max-width: 52rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .spacer {
      flex: 1 1 auto;
    }

    section {
      margin-top: 1.5rem;
    }

    .empty {
      margin: 0;
      padding: 1rem 1.25rem;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }

    .card {
      margin-top: 1rem;
      padding: 0.25rem 1.25rem 1rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }

    .card h3 {
      margin: 0.75rem 0;
      font: var(--mat-sys-title-medium);
    }
  `,
})
export class IpBlocklistPage {
  protected readonly store = inject(IpRulesStore);
  private readonly dialog = inject(MatDialog);
  private readonly blockForm = viewChild.required<IpRuleForm>('blockForm');
  private readonly allowForm = viewChild.required<IpRuleForm>('allowForm');

  protected readonly notice = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = adminErrorMessage;

  protected readonly blocking = createSubmission((request: CreateIpRuleRequest) => this.store.block(request));
  protected readonly allowing = createSubmission((request: CreateIpRuleRequest) => this.store.allow(request));
  protected readonly unblocking = createSubmission((id: string) => this.store.unblock(id));
  protected readonly unallowing = createSubmission((id: string) => this.store.removeAllow(id));

  protected readonly blockError = computed(() => {
    const error = this.blocking.error();
    return error ? ipRuleErrorMessage(error) : null;
  });
  protected readonly allowError = computed(() => {
    const error = this.allowing.error();
    return error ? ipRuleErrorMessage(error) : null;
  });
  protected readonly removeError = computed(() => {
    const error = this.unblocking.error() ?? this.unallowing.error();
    return error ? adminErrorMessage(error) : null;
  });

  protected async block(request: CreateIpRuleRequest): Promise<void> {
    this.notice.set(null);
    const result = await this.blocking.run(request);
    if (result.ok) {
      this.blockForm().clear();
      this.notice.set(`Blocked ${result.value.range}.`);
    }
  }

  protected async allow(request: CreateIpRuleRequest): Promise<void> {
    this.notice.set(null);
    const result = await this.allowing.run(request);
    if (result.ok) {
      this.allowForm().clear();
      this.notice.set(`Added ${result.value.range} to the allowlist.`);
    }
  }

  protected async unblock(rule: IpAllowDto | IpBlockDto): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: `Unblock ${rule.range}?`,
      message: 'Requests from this address or range are accepted again at once.',
      confirmLabel: 'Unblock',
    });
    if (!confirmed) {
      return;
    }
    this.busyId.set(rule.id);
    const result = await this.unblocking.run(rule.id);
    this.busyId.set(null);
    if (result.ok) {
      this.notice.set(`Unblocked ${rule.range}.`);
    }
  }

  protected async removeAllow(rule: IpAllowDto): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: `Remove ${rule.range} from the allowlist?`,
      message: 'The address or range can be banned automatically again.',
      confirmLabel: 'Remove',
    });
    if (!confirmed) {
      return;
    }
    this.busyId.set(rule.id);
    const result = await this.unallowing.run(rule.id);
    this.busyId.set(null);
    if (result.ok) {
      this.notice.set(`Removed ${rule.range} from the allowlist.`);
    }
  }
}
