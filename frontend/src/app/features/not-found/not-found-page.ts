import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>Page not found</h1>
    <p>There is no page at this address. Check the link, or use the navigation.</p>
    <p><a routerLink="/">Go to the home page</a></p>
  `,
  styles: `
    :host {
      display: block;
    }

    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 0.5rem;
    }

    a {
      color: var(--mat-sys-primary);
    }
  `,
})
export class NotFoundPage {}
