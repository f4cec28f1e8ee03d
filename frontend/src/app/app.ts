import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, type ElementRef, inject, linkedSignal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatListItem, MatNavList } from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { APP_TITLE } from './app.routes';

interface NavLink {
  readonly label: string;
  readonly path: string;
  /** Only the home link needs an exact match to be marked current. */
  readonly exact: boolean;
}

export const MAIN_NAV_LINKS: readonly NavLink[] = [
  { label: 'Home', path: '/', exact: true },
  { label: 'Operators', path: '/operators', exact: false },
  { label: 'Customers', path: '/customers', exact: false },
  { label: 'History', path: '/history', exact: false },
  { label: 'Favourites', path: '/favourites', exact: false },
];

/** Application shell: toolbar, main navigation and the routed page. */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatIconButton,
    MatListItem,
    MatNavList,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly title = APP_TITLE;
  protected readonly links = MAIN_NAV_LINKS;

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
}
