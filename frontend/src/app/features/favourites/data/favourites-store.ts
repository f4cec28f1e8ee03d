import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { toApiError } from '../../../core/http/api-error';
import { FavouritesClient } from '../../../core/query-tool/favourites-client';
import { FAVOURITE_NOT_FOUND, type FavouriteDto } from '../../../core/query-tool/query.model';

/**
 * One page of the user's favourites (ordered by name) and the changes to them. Provided by the favourites page, so it
 * is gone when the page is left and every visit asks afresh; cleared when the session ends.
 */
@Injectable()
export class FavouritesStore {
  private readonly client = inject(FavouritesClient);

  private readonly page = signal<{ readonly page: number } | undefined>(undefined);
  private readonly resource = rxResource({
    params: () => this.page(),
    stream: ({ params }) => this.client.list(params.page),
  });

  readonly favourites = computed<readonly FavouriteDto[]>(() =>
    this.resource.hasValue() ? this.resource.value().items : [],
  );
  readonly total = computed(() => (this.resource.hasValue() ? this.resource.value().total : 0));
  readonly pageSize = computed(() => (this.resource.hasValue() ? this.resource.value().pageSize : 0));
  readonly loaded = computed(() => this.resource.hasValue());
  readonly loading = this.resource.isLoading;
  readonly error = computed(() => {
    const error = this.resource.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });

  constructor() {
    onSessionEnd(() => this.reset());
  }

  /** Loads page `page` (1-based, always afresh). */
  load(page: number): void {
    this.page.set({ page });
  }

  reload(): void {
    this.resource.reload();
  }

  /** Renames a favourite and shows the new name (the list is ordered by name: the next load may move it). */
  async rename(id: string, name: string): Promise<FavouriteDto> {
    const favourite = await firstValueFrom(this.client.rename(id, name));
    this.resource.update((page) =>
      page ? { ...page, items: page.items.map((item) => (item.id === id ? favourite : item)) } : page,
    );
    return favourite;
  }

  /** Deletes a favourite; one already gone (deleted in another tab) counts as deleted. */
  async remove(id: string): Promise<void> {
    try {
      await firstValueFrom(this.client.delete(id), { defaultValue: undefined });
    } catch (error: unknown) {
      if (toApiError(error).code !== FAVOURITE_NOT_FOUND) {
        throw error;
      }
    }
  }

  /** Forgets everything loaded (run when the session ends). */
  reset(): void {
    this.page.set(undefined);
  }
}
