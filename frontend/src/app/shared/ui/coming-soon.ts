import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Placeholder body for a page whose feature has not been built yet. */
@Component({
  selector: 'app-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ heading() }}</h1>
    <p>{{ message() }}</p>
  `,
  styles: `
    :host {
      display: block;
    }

    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 0.5rem;
    }

    p {
      margin: 0;
      max-width: 60ch;
    }
  `,
})
export class ComingSoon {
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
}
