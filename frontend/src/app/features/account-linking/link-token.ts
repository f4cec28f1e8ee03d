import { Injectable, inject } from '@angular/core';
import { type CanActivateFn, RedirectCommand, Router } from '@angular/router';

/**
 * The token of an emailed confirm link, held in memory between the guard that takes it out of the address bar and
 * the page that uses it. Never stored, never logged; taken once.
 */
@Injectable({ providedIn: 'root' })
export class LinkTokenHolder {
  private token: string | null = null;

  hold(token: string): void {
    this.token = token;
  }

  /** The token, once: later calls get null. */
  take(): string | null {
    const token = this.token;
    this.token = null;
    return token;
  }
}

/**
 * `/link/confirm?token=…[&action=decline]`: keeps the token in memory and replaces the address with one without it
 * (history, bookmarks and anything that reads the address never see it); the page then takes it from the holder.
 */
export const takeLinkToken: CanActivateFn = (route) => {
  const token = route.queryParamMap.get('token');
  if (token === null) {
    return true;
  }
  inject(LinkTokenHolder).hold(token);
  const router = inject(Router);
  const action = route.queryParamMap.get('action');
  const clean = router.createUrlTree(['/link/confirm'], {
    queryParams: action === 'decline' ? { action } : {},
  });
  return new RedirectCommand(clean, { replaceUrl: true });
};
