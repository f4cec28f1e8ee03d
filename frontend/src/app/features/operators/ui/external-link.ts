import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { externalHref } from '../model/external-url';
import { BreakableText } from './breakable-text';

/** A catalogue URL as a link that opens in a new tab (or as plain text when it is not an http(s) address). */
@Component({
  selector: 'app-external-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BreakableText],
  template: `
    @if (href(); as href) {
      <a [href]="href" target="_blank" rel="noopener noreferrer"><app-breakable-text [text]="url()" /></a>
    } @else if (url()) {
      <app-breakable-text [text]="url()" />
    } @else {
      —
    }
  `,
  styles: `
    :host {
      overflow-wrap: break-word;
    }
  `,
})
export class ExternalLink {
  readonly url = input.required<string>();
  protected readonly href = computed(() => externalHref(this.url()));
}
