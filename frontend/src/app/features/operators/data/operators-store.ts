import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { type ApiError, toApiError } from '../../../core/http/api-error';
import { sameQuery } from '../model/operators-query';
import {
  type CreateModeRequest,
  type CreateOperatorRequest,
  type ExportFormat,
  type ExportedFile,
  type ModeDto,
  type OperatorDto,
  type OperatorFilters,
  type OperatorsQuery,
  type UpdateModeRequest,
  type UpdateOperatorRequest,
} from '../model/operators.model';
import { OperatorsClient } from './operators-client';

function resourceError(error: Error | undefined): ApiError | null {
  return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
}

function byId(a: ModeDto, b: ModeDto): number {
  return a.id.localeCompare(b.id);
}

/**
 * The operator directory as the pages see it: the current query's results, one selected operator, the modes,
 * and the writes. Root-level so that going back from a detail page shows the list at once; cleared when the
 * session ends so no one sees the previous user's data.
 */
@Injectable({ providedIn: 'root' })
export class OperatorsStore {
  private readonly client = inject(OperatorsClient);

  private readonly query = signal<OperatorsQuery | undefined>(undefined);
  private readonly results = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.client.list(params),
  });

  private readonly selectedId = signal<string | undefined>(undefined);
  private readonly selected = rxResource({
    params: () => this.selectedId(),
    stream: ({ params }) => this.client.get(params),
  });

  /** The modes request wanted: a look-up, or the Modes page's query (recorded). A new object asks again. */
  private readonly modesRequest = signal<{ readonly recorded: boolean } | undefined>(undefined);
  private readonly modesResource = rxResource({
    params: () => this.modesRequest(),
    stream: ({ params }) => this.client.modes(params),
  });

  /** The query whose results are shown (undefined before the first search). */
  readonly currentQuery = this.query.asReadonly();
  readonly operators = computed<readonly OperatorDto[]>(() =>
    this.results.hasValue() ? this.results.value().items : [],
  );
  readonly total = computed(() => (this.results.hasValue() ? this.results.value().total : 0));
  /** True once the current query has been answered (successfully). */
  readonly resultsLoaded = computed(() => this.results.hasValue());
  readonly resultsLoading = this.results.isLoading;
  readonly resultsError = computed(() => resourceError(this.results.error()));

  readonly operator = computed<OperatorDto | null>(() => (this.selected.hasValue() ? this.selected.value() : null));
  readonly operatorLoading = this.selected.isLoading;
  readonly operatorError = computed(() => resourceError(this.selected.error()));

  readonly modes = computed<readonly ModeDto[]>(() => (this.modesResource.hasValue() ? this.modesResource.value() : []));
  readonly modesLoading = this.modesResource.isLoading;
  readonly modesError = computed(() => resourceError(this.modesResource.error()));

  constructor() {
    onSessionEnd(() => this.reset());
  }

  /**
   * Shows the results of `query`; an equal query keeps the results already loaded, unless `fresh` (a run from
   * History or Favourites) asks the API again.
   */
  search(query: OperatorsQuery, options: { readonly fresh?: boolean } = {}): void {
    const current = this.query();
    if (options.fresh || !current || !sameQuery(current, query)) {
      this.query.set({ ...query });
    }
  }

  reloadResults(): void {
    this.results.reload();
  }

  /** Loads operator `id` (undefined: none). */
  select(id: string | undefined): void {
    this.selectedId.set(id);
  }

  reloadOperator(): void {
    this.selected.reload();
  }

  /** Loads the modes once, as a look-up (they rarely change); later calls keep them. */
  loadModes(): void {
    if (!this.modesRequest()) {
      this.modesRequest.set({ recorded: false });
    }
  }

  /** The Modes page's query: asks the API afresh, and the request is recorded in the user's history. */
  queryModes(): void {
    this.modesRequest.set({ recorded: true });
  }

  reloadModes(): void {
    this.modesResource.reload();
  }

  /** Every operator matching `filters`, as a CSV or JSON file. */
  exportFile(filters: OperatorFilters, format: ExportFormat): Promise<ExportedFile> {
    return firstValueFrom(this.client.export(filters, format));
  }

  async createOperator(request: CreateOperatorRequest): Promise<OperatorDto> {
    const operator = await firstValueFrom(this.client.create(request));
    this.invalidateResults();
    return operator;
  }

  async updateOperator(id: string, changes: UpdateOperatorRequest): Promise<OperatorDto> {
    const operator = await firstValueFrom(this.client.update(id, changes));
    if (this.selectedId() === id) {
      this.selected.set(operator);
    }
    if (this.results.hasValue()) {
      this.results.update((page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === id ? operator : item)) } : page,
      );
    }
    return operator;
  }

  async deleteOperator(id: string): Promise<void> {
    await firstValueFrom(this.client.delete(id), { defaultValue: undefined });
    if (this.selectedId() === id) {
      this.selectedId.set(undefined);
    }
    this.invalidateResults();
  }

  async createMode(request: CreateModeRequest): Promise<ModeDto> {
    const mode = await firstValueFrom(this.client.createMode(request));
    this.modesResource.update((modes) => (modes ? [...modes, mode].sort(byId) : modes));
    return mode;
  }

  async updateMode(id: string, changes: UpdateModeRequest): Promise<ModeDto> {
    const mode = await firstValueFrom(this.client.updateMode(id, changes));
    this.modesResource.update((modes) => modes?.map((item) => (item.id === id ? mode : item)));
    // Operators show their modes' descriptions: the next search loads them afresh.
    this.invalidateResults();
    return mode;
  }

  async deleteMode(id: string): Promise<void> {
    await firstValueFrom(this.client.deleteMode(id), { defaultValue: undefined });
    this.modesResource.update((modes) => modes?.filter((item) => item.id !== id));
  }

  /** Forgets everything loaded (run when the session ends). */
  reset(): void {
    this.query.set(undefined);
    this.selectedId.set(undefined);
    this.modesRequest.set(undefined);
  }

  /** Drops the results, so that the next {@link search} loads them again. */
  private invalidateResults(): void {
    this.query.set(undefined);
  }
}
