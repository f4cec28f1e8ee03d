import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { type Cell } from '../model/display-format';

/** One formatted value: a time as `<time>` with its UTC ISO instant as the tooltip, and an optional second line. */
@Component({
  selector: 'app-cell-value',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let value = cell();
    @if (value.datetime) {
      <time [attr.datetime]="value.datetime" [title]="value.datetime">{{ value.text }}</time>
    } @else {
      <span>{{ value.text }}</span>
    }
    @if (value.secondary) {
      <!-- The leading space keeps the two lines apart in the text (and for screen readers); layout drops it. -->
      <span class="secondary"> {{ value.secondary }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 0.125rem;
    }

    time {
      white-space: nowrap;
      text-decoration: underline dotted var(--mat-sys-outline-variant);
      text-underline-offset: 0.2em;
      cursor: help;
    }

    .secondary {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CellValue {
  readonly cell = input.required<Cell>();
}
