import { DestroyRef, Injectable, inject } from '@angular/core';

export type SessionCleanupHook = () => void;

/**
 * Registry of reset hooks run when a session ends (sign-out, expiry, sign-out in another tab), so that no
 * store keeps the previous user's data. A root-level feature store registers itself once:
 *
 * ```ts
 * constructor() { inject(SessionCleanup).register(() => this.reset()); }
 * ```
 */
@Injectable({ providedIn: 'root' })
export class SessionCleanup {
  private readonly hooks = new Set<SessionCleanupHook>();

  /** Registers a hook; it is removed again when `destroyRef` (if given) is destroyed. Returns an unregister function. */
  register(hook: SessionCleanupHook, destroyRef?: DestroyRef): () => void {
    this.hooks.add(hook);
    const unregister = (): void => {
      this.hooks.delete(hook);
    };
    destroyRef?.onDestroy(unregister);
    return unregister;
  }

  /** Runs every hook; one failing hook does not stop the others. */
  run(): void {
    for (const hook of [...this.hooks]) {
      try {
        hook();
      } catch (error: unknown) {
        console.error('Session clean-up hook failed', error);
      }
    }
  }
}

/** Registers `hook` with the {@link SessionCleanup} for the lifetime of the current injection context. */
export function onSessionEnd(hook: SessionCleanupHook): void {
  inject(SessionCleanup).register(hook, inject(DestroyRef));
}
