import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * Long URLs and email addresses with line-break opportunities after `/`, `.`, `@`, `-`, `?`, `&` and `=`, so a
 * narrow table cell wraps them at natural points (`www.avantiwest-` `coast.co.uk/`), never in mid-word.
 */
@Component({
  selector: 'app-breakable-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Each part in its own element: the whitespace around elements is dropped, so no spaces creep into the text.
  template: `
    @for (part of parts(); track $index) {
      <span>{{ part }}</span>
      <wbr />
    }
  `,
})
export class BreakableText {
  readonly text = input.required<string>();
  protected readonly parts = computed(() => this.text().split(/(?<=[/.@?&=-])/));
}
