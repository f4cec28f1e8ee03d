import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** Where role guards send signed-in users whose role does not allow a page. */
@Component({
  selector: 'app-forbidden-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Not allowed</h1>
    <p>Your account does not have access to this page. If you need it, ask an administrator.</p>
    <p><a routerLink="/">Go to the home page</a></p>
  `,
})
export class ForbiddenPage {}
