import { PendingTasks, type Signal, inject, signal } from '@angular/core';

import { type ApiError, toApiError } from './api-error';

export type SubmissionResult<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: ApiError };

/** Pending/error state of one user action (a form submit or a button), for pages to bind to. */
export interface Submission<T, R> {
  readonly pending: Signal<boolean>;
  readonly error: Signal<ApiError | null>;
  /** Runs the action unless one is already pending; never rejects. */
  run(input: T): Promise<SubmissionResult<R>>;
  clearError(): void;
}

/**
 * Wraps an async action so a page can show "pending" and the last error as signals. The action counts as
 * a pending task, so the application (and `whenStable()` in tests) is stable only once it has settled.
 * Call it in an injection context (a field initializer).
 */
export function createSubmission<T, R>(action: (input: T) => Promise<R>): Submission<T, R> {
  const tasks = inject(PendingTasks);
  const pending = signal(false);
  const error = signal<ApiError | null>(null);
  return {
    pending: pending.asReadonly(),
    error: error.asReadonly(),
    clearError: () => error.set(null),
    async run(input: T): Promise<SubmissionResult<R>> {
      if (pending()) {
        return { ok: false, error: { status: 0, code: 'ALREADY_PENDING', message: '' } };
      }
      pending.set(true);
      error.set(null);
      const done = tasks.add();
      try {
        return { ok: true, value: await action(input) };
      } catch (caught: unknown) {
        const apiError = toApiError(caught);
        error.set(apiError);
        return { ok: false, error: apiError };
      } finally {
        pending.set(false);
        done();
      }
    },
  };
}
