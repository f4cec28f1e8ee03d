import { type ActivatedRouteSnapshot } from '@angular/router';

/** The shells the app draws around a page. */
export type ShellLayout = 'staff' | 'public';

/**
 * Route data of a page for the public (the account owner's confirm page, opened from an email): the shell shows the
 * app's name only, with no staff navigation and no sign-in controls.
 */
export const PUBLIC_LAYOUT = { layout: 'public' } as const;

/** 'public' when the page shown (the deepest active route) has {@link PUBLIC_LAYOUT}, else 'staff'. */
export function layoutOf(root: ActivatedRouteSnapshot): ShellLayout {
  let route = root;
  while (route.firstChild) {
    route = route.firstChild;
  }
  return route.data['layout'] === PUBLIC_LAYOUT.layout ? 'public' : 'staff';
}
