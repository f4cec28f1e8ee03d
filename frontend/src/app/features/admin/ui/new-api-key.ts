import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** Shows a newly created API key, once, with a copy button and a warning. Presentational. */
@Component({
  selector: 'app-new-api-key',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CdkCopyToClipboard, MatButton],
  host: { role: 'region', 'aria-labelledby': 'new-api-key-heading' },
  template: `
    <h2 id="new-api-key-heading">New API key for {{ clientName() }}</h2>
    <p class="warning" role="alert">Copy this key now. It will not be shown again.</p>
    <p>
      <code class="key" aria-label="API key">{{ apiKey() }}</code>
    </p>
    <div class="app-form-actions">
      <button
        mat-flat-button
        type="button"
        [cdkCopyToClipboard]="apiKey()"
        (cdkCopyToClipboardCopied)="copied.set($event)"
      >
        Copy key
      </button>
      <button mat-button type="button" (click)="dismissed.emit()">Done</button>
      @if (copied()) {
        <span role="status">Copied.</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin: 1rem 0;
      padding: 1rem;
      border: 2px solid var(--mat-sys-primary);
      border-radius: var(--mat-sys-corner-medium);
    }

    h2 {
      margin-top: 0;
    }

    .warning {
      font-weight: 600;
    }

    .key {
      display: inline-block;
      padding: 0.5rem;
      word-break: break-all;
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class NewApiKey {
  readonly clientName = input.required<string>();
  readonly apiKey = input.required<string>();
  readonly dismissed = output();

  protected readonly copied = signal(false);
}
