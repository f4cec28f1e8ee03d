import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  linkedSignal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatListItem, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import {
  NavigationCancel,
  NavigationEnd,
  NavigationError,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter, map } from 'rxjs';

import { APP_TITLE } from './app.routes';
import { LOGIN_PATH, safeReturnUrl } from './core/auth/auth.guards';
import { AuthStore } from './core/auth/auth-store';
import { type Role, type SessionEnd } from './core/auth/auth.model';
import { onSessionEnd } from './core/auth/session-cleanup';
import { type ShellLayout, layoutOf } from './core/layout/shell-layout';
import { QuotaIndicator } from './core/quota/quota-indicator';
import { QuotaStore } from './core/quota/quota-store';

export interface NavLink {
  readonly label: string;
  readonly path: string;
  /** Only the home link needs an exact match to be marked current. */
  readonly exact: boolean;
  /** When set, signed-in users see the link only with one of these roles. */
  readonly roles?: readonly Role[];
  /** With `roles`: whether signed-out visitors see the link (it leads to the login page). */
  readonly visibleSignedOut?: boolean;
}

export const MAIN_NAV_LINKS: readonly NavLink[] = [
  { label: 'Home', path: '/', exact: true },
  { label: 'Operators', path: '/operators', exact: false },
  { label: 'Modes', path: '/modes', exact: false },
  { label: 'Customers', path: '/customers', exact: false, roles: ['admin', 'operator'], visibleSignedOut: true },
  { label: 'History', path: '/history', exact: false },
  { label: 'Favourites', path: '/favourites', exact: false },
  { label: 'Users', path: '/admin/users', exact: false, roles: ['admin'] },
  { label: 'API clients', path: '/admin/api-clients', exact: false, roles: ['admin'] },
  { label: 'Audit log', path: '/admin/audit', exact: false, roles: ['admin'] },
  { label: 'IP blocklist', path: '/admin/ip-blocklist', exact: false, roles: ['admin'] },
];

/** Whether `link` is shown to a visitor with `role` (null: signed out). */
export function isNavLinkVisible(link: NavLink, role: Role | null): boolean {
  if (!link.roles) {
    return true;
  }
  return role === null ? link.visibleSignedOut === true : link.roles.includes(role);
}

/** Application shell: toolbar with the account controls, main navigation and the routed page. */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatIconButton,
    MatListItem,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatNavList,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    QuotaIndicator,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly title = APP_TITLE;
  protected readonly auth = inject(AuthStore);
  /** The daily request quota, shown in the toolbar once known (after the first query). */
  protected readonly quota = inject(QuotaStore);
  private readonly router = inject(Router);

  protected readonly links = computed(() => {
    const role = this.auth.role();
    return MAIN_NAV_LINKS.filter((link) => isNavLinkVisible(link, role));
  });

  /**
   * The shell around the page shown: the staff shell (navigation, account controls), the public one (the app's name
   * only), or, until the first navigation settles, neither, so a public page never flashes the staff navigation.
   */
  protected readonly layout = toSignal<ShellLayout | 'pending', 'pending'>(
    this.router.events.pipe(
      filter(
        (event) =>
          event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError,
      ),
      map(() => layoutOf(this.router.routerState.snapshot.root)),
    ),
    { initialValue: 'pending' },
  );
  protected readonly staffShell = computed(() => this.layout() === 'staff');

  /** Narrow screens get an overlay drawer behind a menu button instead of a fixed side nav. */
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  /** Open by default on wide screens, closed on compact ones; reset when the layout changes. */
  protected readonly navOpened = linkedSignal(() => !this.compact());

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // Dialogs are not routed pages: close them (a favourite's name, a confirmation) when the session ends.
    const dialog = inject(MatDialog);
    onSessionEnd(() => dialog.closeAll());
    // Whenever a session ends (sign-out here or in another tab, expiry), return to the login page with a
    // message. Every store is already cleared, so no page can show the previous user's data: Back re-enters
    // the protected URL and its guard shows the login page again.
    effect(() => {
      const end = this.auth.sessionEnd();
      if (end) {
        untracked(() => this.returnToLogin(end));
      }
    });
  }

  protected toggleNav(): void {
    this.navOpened.update((opened) => !opened);
  }

  protected onNavigate(): void {
    if (this.compact()) {
      this.navOpened.set(false);
    }
  }

  protected skipToMain(): void {
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    await this.auth.logout();
  }

  private returnToLogin(end: SessionEnd): void {
    // An expired session replaces the page with the login form and comes back to it after signing in;
    // a sign-out pushes the login page, so that Back lands on the (now guarded) page and shows login again.
    const expired = end.reason === 'expired';
    const returnUrl = expired ? safeReturnUrl(this.router.url) : null;
    void this.router.navigate([LOGIN_PATH], {
      queryParams: returnUrl ? { reason: end.reason, returnUrl } : { reason: end.reason },
      replaceUrl: expired,
    });
  }
}
