import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { toApiError } from '../../../core/http/api-error';
import { type AuditFilters, type AuditQuery } from '../model/audit-query';
import { type AuditRecord, type AuditVerification } from '../model/audit.model';
import { AuditClient } from './audit-client';

/** A CSV export, ready to be saved. */
export interface AuditExport {
  readonly blob: Blob;
  readonly filename: string;
}

function errorOf(resourceError: unknown) {
  return resourceError ? toApiError((resourceError as { cause?: unknown }).cause ?? resourceError) : null;
}

/** `audit-2026-05-01.csv` from Content-Disposition, or a name of today's date. */
function exportFilename(disposition: string | null, now: Date): string {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match?.[1] ?? `audit-${now.toISOString().slice(0, 10)}.csv`;
}

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The error body could not be read'));
    reader.readAsText(blob);
  });
}

/** A blob request's error body is a Blob: read it, so the error's code and message can be said. */
async function withJsonBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) {
    return error;
  }
  try {
    return new HttpErrorResponse({
      error: JSON.parse(await readText(error.error)) as unknown,
      headers: error.headers,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  } catch {
    return error;
  }
}

/**
 * One page of the audit log, the record shown in detail, the CSV export and the chain check. Provided by the audit
 * page, so every visit asks afresh; cleared when the session ends.
 */
@Injectable()
export class AuditLogStore {
  private readonly client = inject(AuditClient);

  private readonly query = signal<AuditQuery | undefined>(undefined);
  private readonly page = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.client.list(params),
  });

  private readonly selectedId = signal<number | undefined>(undefined);
  private readonly detail = rxResource({
    params: () => this.selectedId(),
    stream: ({ params }) => this.client.get(params),
  });

  private readonly lastVerification = signal<AuditVerification | null>(null);

  readonly records = computed<readonly AuditRecord[]>(() => (this.page.hasValue() ? this.page.value().items : []));
  readonly nextCursor = computed(() => (this.page.hasValue() ? this.page.value().nextCursor : null));
  /** True once the current page has been answered. */
  readonly loaded = computed(() => this.page.hasValue());
  readonly loading = this.page.isLoading;
  readonly error = computed(() => errorOf(this.page.error()));

  readonly record = computed(() => (this.detail.hasValue() ? this.detail.value() : null));
  readonly recordLoading = this.detail.isLoading;
  readonly recordError = computed(() => errorOf(this.detail.error()));

  /** The result of the last chain check in this visit. */
  readonly verification = this.lastVerification.asReadonly();

  constructor() {
    onSessionEnd(() => this.reset());
  }

  /** Loads the page `query` describes (afresh, also when it is the same as before). */
  load(query: AuditQuery): void {
    this.query.set({ ...query });
  }

  reload(): void {
    this.page.reload();
  }

  /** Shows record `id` in detail (null: none). */
  select(id: number | null): void {
    this.selectedId.set(id ?? undefined);
  }

  async export(filters: AuditFilters): Promise<AuditExport> {
    const response = await firstValueFrom(this.client.export(filters)).catch(async (error: unknown) => {
      throw await withJsonBody(error);
    });
    return {
      blob: response.body ?? new Blob([], { type: 'text/csv' }),
      filename: exportFilename(response.headers.get('Content-Disposition'), new Date()),
    };
  }

  async verify(): Promise<AuditVerification> {
    const verification = await firstValueFrom(this.client.verify());
    this.lastVerification.set(verification);
    return verification;
  }

  /** Forgets everything loaded (run when the session ends). */
  reset(): void {
    this.query.set(undefined);
    this.selectedId.set(undefined);
    this.lastVerification.set(null);
  }
}
