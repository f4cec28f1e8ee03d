import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';

import { createSubmission } from '../../core/http/submission';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { askDailyLimit } from './daily-limit-dialog';
import { ApiClientsStore } from './data/api-clients-store';
import { adminErrorMessage } from './model/admin-messages';
import { type ApiClientDto, type CreateApiClientRequest, type CreatedApiClient } from './model/admin.model';
import { ApiClientsTable } from './ui/api-clients-table';
import { CreateApiClientForm } from './ui/create-api-client-form';
import { NewApiKey } from './ui/new-api-key';

/** `/admin/api-clients`: list, create (the key is shown once), change the daily limit, revoke. */
@Component({
  selector: 'app-api-clients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ApiClientsTable, CreateApiClientForm, NewApiKey],
  providers: [ApiClientsStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <h1>API clients</h1>
    <p>Applications that call the API with an <code>X-API-Key</code> header, limited to their scopes.</p>

    @if (created(); as created) {
      <app-new-api-key [clientName]="created.client.name" [apiKey]="created.key" (dismissed)="this.created.set(null)" />
    }
    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (revokeError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }
    @if (store.loadError(); as error) {
      <p class="app-alert" role="alert">The API clients could not be loaded. {{ loadErrorMessage() }}</p>
    }
    @if (store.loading() && store.items().length === 0) {
      <p role="status">Loading API clients…</p>
    } @else if (store.items().length === 0) {
      @if (!store.loadError()) {
        <p>No API clients yet.</p>
      }
    } @else {
      <app-api-clients-table
        [clients]="store.items()"
        [busyId]="busyId()"
        (revoke)="revokeClient($event)"
        (changeLimit)="changeLimit($event)"
      />
    }

    <section aria-labelledby="create-api-client-heading">
      <h2 id="create-api-client-heading">Create an API client</h2>
      <app-create-api-client-form
        [pending]="create.pending()"
        [error]="createError()"
        (submitted)="createClient($event)"
      />
    </section>
  `,
  styles: `
    section {
      max-width: 40rem;
    }
  `,
})
export class ApiClientsPage {
  protected readonly store = inject(ApiClientsStore);
  private readonly dialog = inject(MatDialog);
  private readonly createForm = viewChild.required(CreateApiClientForm);

  /** The last created client and its key: kept in this page only, gone when the panel is closed. */
  protected readonly created = signal<CreatedApiClient | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);

  protected readonly create = createSubmission((request: CreateApiClientRequest) => this.store.create(request));
  protected readonly revoke = createSubmission((id: string) => this.store.revoke(id));

  protected readonly createError = computed(() => {
    const error = this.create.error();
    return error ? adminErrorMessage(error) : null;
  });
  protected readonly revokeError = computed(() => {
    const error = this.revoke.error();
    return error ? adminErrorMessage(error) : null;
  });
  protected readonly loadErrorMessage = computed(() => {
    const error = this.store.loadError();
    return error ? adminErrorMessage(error) : '';
  });

  protected async createClient(request: CreateApiClientRequest): Promise<void> {
    this.notice.set(null);
    const result = await this.create.run(request);
    if (result.ok) {
      this.createForm().clear();
      this.created.set(result.value);
    }
  }

  protected async changeLimit(client: ApiClientDto): Promise<void> {
    this.notice.set(null);
    const updated = await askDailyLimit(this.dialog, {
      client,
      submit: (dailyLimit) => this.store.update(client.id, { dailyLimit }),
    });
    if (updated) {
      this.notice.set(
        updated.dailyLimit === null
          ? `${updated.name} now has the default daily limit.`
          : `The daily limit of ${updated.name} is now ${updated.dailyLimit.toLocaleString()} requests.`,
      );
    }
  }

  protected async revokeClient(client: ApiClientDto): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke ${client.name}?`,
      message: 'Applications using this key are refused from now on. This cannot be undone.',
      confirmLabel: 'Revoke',
    });
    if (!confirmed) {
      return;
    }
    this.busyId.set(client.id);
    const result = await this.revoke.run(client.id);
    this.busyId.set(null);
    if (result.ok) {
      this.notice.set(`${client.name} is revoked.`);
    }
  }
}
