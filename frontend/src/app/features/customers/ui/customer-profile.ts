import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { type CustomerDto } from '../model/customers.model';
import { type Cell, type Formatter, NONE } from '../model/display-format';
import { CellValue } from './cell-value';

interface ProfileField {
  readonly label: string;
  readonly value: Cell;
  /** Personal data the caller may not see in full. */
  readonly masked: boolean;
}

/** "AB" from "Ada Byron". */
function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part.charAt(0).toUpperCase()).join('');
}

/** The customer's profile: every field, personal data marked when it is masked. Presentational. */
@Component({
  selector: 'app-customer-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CellValue],
  template: `
    @let person = customer();
    <section class="card" aria-labelledby="customer-name">
      <header>
        <span class="avatar" aria-hidden="true">{{ initials() }}</span>
        <div class="title">
          <h1 id="customer-name">{{ person.name }}</h1>
          <dl class="subtitle">
            <dt class="visually-hidden">Customer ID</dt>
            <dd class="chip">{{ person.customerId }}</dd>
            <dt class="visually-hidden">Operator</dt>
            <dd>{{ person.operatorName }} ({{ person.operatorId }})</dd>
          </dl>
        </div>
        @if (person.piiMasked) {
          <p class="masked-note" role="note">
            Personal data masked: your access does not include email, phone, date of birth or address in full.
          </p>
        }
      </header>
      <dl class="fields">
        @for (field of fields(); track field.label) {
          <div class="field">
            <dt>
              {{ field.label }}
              @if (field.masked) {
                <span class="badge"> masked</span>
              }
            </dt>
            <dd><app-cell-value [cell]="field.value" /></dd>
          </div>
        }
      </dl>
    </section>
  `,
  styles: `
    .card {
      padding: 1.25rem 1.5rem;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }

    header {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-block-end: 1.25rem;
    }

    .avatar {
      display: grid;
      place-items: center;
      inline-size: 3.5rem;
      block-size: 3.5rem;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-title-large);
    }

    .title {
      flex: 1 1 16rem;
    }

    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .subtitle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.25rem 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }

    .subtitle dd {
      margin: 0;
    }

    .chip {
      padding: 0.125rem 0.5rem;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
    }

    .masked-note {
      flex: 1 1 100%;
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }

    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 1rem 1.5rem;
      margin: 0;
    }

    .fields dt {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }

    .fields dt {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }

    .fields dd {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-body-large);
      overflow-wrap: anywhere;
      white-space: pre-line;
    }

    .badge {
      padding: 0 0.375rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-small);
      text-transform: none;
      letter-spacing: normal;
    }
  `,
})
export class CustomerProfile {
  readonly customer = input.required<CustomerDto>();
  readonly format = input.required<Formatter>();

  protected readonly initials = computed(() => initials(this.customer().name));
  protected readonly fields = computed<readonly ProfileField[]>(() => {
    const customer = this.customer();
    const f = this.format();
    const masked = customer.piiMasked;
    const address = customer.address;
    const addressText = address
      ? [address.line1, address.line2, address.city, address.postcode, address.country]
          .filter((line): line is string => !!line)
          .join('\n')
      : '';
    return [
      { label: 'Email', value: { text: customer.email || NONE }, masked },
      { label: 'Phone', value: { text: customer.phone || NONE }, masked },
      { label: 'Date of birth', value: { text: f.date(customer.dateOfBirth) }, masked },
      { label: 'Address', value: { text: addressText || NONE }, masked },
      { label: 'Customer since', value: f.dateTime(customer.createdAt), masked: false },
    ];
  });
}
