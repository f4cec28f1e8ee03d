import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { type DetailSection } from '../model/record-views';
import { CellValue } from './cell-value';

/** Every field of one record, in titled sections. Presentational. */
@Component({
  selector: 'app-record-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CellValue],
  template: `
    @for (section of sections(); track section.title) {
      <section [attr.aria-label]="section.title">
        <h3>{{ section.title }}</h3>
        <dl>
          @for (field of section.fields; track $index) {
            <div class="field">
              <dt>{{ field.label }}</dt>
              <dd><app-cell-value [cell]="field.value" /></dd>
            </div>
          }
        </dl>
      </section>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 1rem 2rem;
    }

    h3 {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-primary);
      letter-spacing: 0.02em;
    }

    dl {
      margin: 0;
      display: grid;
      grid-template-columns: minmax(8rem, max-content) 1fr;
      gap: 0.375rem 1rem;
    }

    .field {
      display: contents;
    }

    dt {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      line-height: 1.5rem;
    }

    dd {
      margin: 0;
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
  `,
})
export class RecordDetails {
  readonly sections = input.required<readonly DetailSection[]>();
}
