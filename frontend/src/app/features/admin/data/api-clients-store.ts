import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import {
  type ApiClientDto,
  type CreateApiClientRequest,
  type CreatedApiClient,
  type UpdateApiClientRequest,
} from '../model/admin.model';
import { ApiClientsClient } from './api-clients-client';

/** The admin's list of API clients and the actions on it. Provided by the API clients page. */
@Injectable()
export class ApiClientsStore {
  private readonly client = inject(ApiClientsClient);

  private readonly clients = rxResource({ stream: () => this.client.list() });

  readonly items = computed<readonly ApiClientDto[]>(() => (this.clients.hasValue() ? this.clients.value() : []));
  readonly loading = this.clients.isLoading;
  readonly loadError = computed(() => {
    const error = this.clients.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });

  async create(request: CreateApiClientRequest): Promise<CreatedApiClient> {
    const created = await firstValueFrom(this.client.create(request));
    this.clients.reload();
    return created;
  }

  async update(id: string, changes: UpdateApiClientRequest): Promise<ApiClientDto> {
    const updated = await firstValueFrom(this.client.update(id, changes));
    this.clients.update((list) => list?.map((item) => (item.id === updated.id ? updated : item)));
    return updated;
  }

  async revoke(id: string): Promise<void> {
    await firstValueFrom(this.client.revoke(id), { defaultValue: undefined });
    this.clients.reload();
  }
}
