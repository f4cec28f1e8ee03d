import {
  DOCUMENT,
  type EnvironmentProviders,
  InjectionToken,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';

/** Reloads the document (a token, so that tests can watch it). */
export const RELOAD_PAGE = new InjectionToken<() => void>('RELOAD_PAGE', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return () => document.location.reload();
  },
});

/**
 * A page the browser restores from its back/forward cache comes back as it was left, with the data on it and the
 * session in memory — even when the session has ended since (signed out in another tab while this one was frozen,
 * revoked by an administrator). Such a restore reloads the app instead, which starts from the refresh cookie: a live
 * session shows the page afresh, an ended one the login page.
 */
export function provideReloadOnPageRestore(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideEnvironmentInitializer(() => {
      const reload = inject(RELOAD_PAGE);
      inject(DOCUMENT).defaultView?.addEventListener('pageshow', (event: PageTransitionEvent) => {
        if (event.persisted) {
          reload();
        }
      });
    }),
  ]);
}
