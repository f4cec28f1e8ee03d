import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { toApiError } from '../../../core/http/api-error';
import { HISTORY_ENTRY_NOT_FOUND, type HistoryEntryDto } from '../../../core/query-tool/query.model';
import { type HistoryQuery } from '../model/history-query';
import { HistoryClient } from './history-client';

/**
 * One page of the user's query history and the deletions. Provided by the history page, so it is gone when the page
 * is left and every visit asks afresh (the history grows as the user runs queries); cleared when the session ends.
 */
@Injectable()
export class HistoryStore {
  private readonly client = inject(HistoryClient);

  private readonly query = signal<HistoryQuery | undefined>(undefined);
  private readonly resource = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.client.list(params),
  });

  readonly entries = computed<readonly HistoryEntryDto[]>(() =>
    this.resource.hasValue() ? this.resource.value().items : [],
  );
  readonly total = computed(() => (this.resource.hasValue() ? this.resource.value().total : 0));
  /** True once the current page has been answered (successfully). */
  readonly loaded = computed(() => this.resource.hasValue());
  readonly loading = this.resource.isLoading;
  readonly error = computed(() => {
    const error = this.resource.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });

  constructor() {
    onSessionEnd(() => this.reset());
  }

  /** Loads the page `query` describes (always afresh). */
  load(query: HistoryQuery): void {
    this.query.set({ ...query });
  }

  reload(): void {
    this.resource.reload();
  }

  /** Deletes one entry; an entry already gone (deleted in another tab) counts as deleted. */
  async remove(id: string): Promise<void> {
    try {
      await firstValueFrom(this.client.delete(id), { defaultValue: undefined });
    } catch (error: unknown) {
      if (toApiError(error).code !== HISTORY_ENTRY_NOT_FOUND) {
        throw error;
      }
    }
  }

  /** Deletes every entry of the user's history. */
  async clear(): Promise<void> {
    await firstValueFrom(this.client.clear(), { defaultValue: undefined });
  }

  /** Forgets everything loaded (run when the session ends). */
  reset(): void {
    this.query.set(undefined);
  }
}
