import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { type ApiError, genericErrorMessage, toApiError } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { formatDateTime } from '../../shared/format/date-time';
import { LinkConfirmationClient } from './data/link-confirmation-client';
import { type AccountLinkPreviewDto } from './model/account-links.model';
import { type ProblemText, TOKEN_PROBLEM_TEXT, type TokenProblem, tokenProblemOf } from './model/link-confirmation';
import { LinkTokenHolder } from './link-token';

type Answer = 'confirm' | 'decline';

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ask'; readonly preview: AccountLinkPreviewDto }
  | { readonly kind: 'confirmed' | 'declined'; readonly preview: AccountLinkPreviewDto }
  | { readonly kind: 'problem'; readonly problem: TokenProblem; readonly text: ProblemText }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * `/link/confirm[?action=decline]` (public, no login): the account owner's answer to an emailed link request. Shows
 * who asks (masked), then Confirm or "This wasn't me" (emphasised when the email's "This wasn't me" link was
 * followed), then the outcome. Each refused token (unknown, expired, already used, declined, replaced) has its own
 * page. The token came through the address bar and was taken out of it by the route's guard; it lives only in this
 * page's memory.
 */
@Component({
  selector: 'app-link-confirm-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar],
  host: { class: 'app-page' },
  template: `
    @let current = view();
    <article class="card" [attr.data-kind]="current.kind">
      @switch (current.kind) {
        @case ('loading') {
          <h1>Confirm an account link</h1>
          <p role="status">Loading the request…</p>
          <mat-progress-bar mode="indeterminate" aria-label="Loading the request" />
        }
        @case ('ask') {
          @let preview = current.preview;
          <div class="icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
              <path
                fill="currentColor"
                d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5"
              />
            </svg>
          </div>
          <h1>Link your {{ preview.targetOperatorName }} account?</h1>
          @if (declineFirst()) {
            <p class="app-notice" role="status">
              You chose “This wasn’t me” in the email. Decline below and nothing is shared.
            </p>
          }
          <p>
            <strong>{{ preview.sourceOperatorName }}</strong> asks to link your {{ preview.targetOperatorName }} account
            with an account they hold for:
          </p>
          <section class="request" aria-label="Who asks to link">
            <dl>
              <div>
                <dt>Name</dt>
                <dd class="masked">{{ preview.sourceName }}</dd>
              </div>
              <div>
                <dt>Email</dt>
                <dd class="masked">{{ preview.sourceEmail }}</dd>
              </div>
              <div>
                <dt>Operator</dt>
                <dd>{{ preview.sourceOperatorName }}</dd>
              </div>
            </dl>
          </section>
          <p>
            If that account is yours too, confirm: {{ preview.sourceOperatorName }} will then see the purchases,
            concessions and journeys of your {{ preview.targetOperatorName }} account, until either operator removes the
            link. If it is not yours, choose “This wasn’t me”: nothing is shared.
          </p>
          <p class="expiry">This link works once and expires {{ expiry(preview.expiresAt) }}.</p>
          @if (answerFailure(); as failure) {
            <p class="app-alert" role="alert">{{ failure }}</p>
          }
          <div class="actions" [class.decline-first]="declineFirst()">
            @if (declineFirst()) {
              <button mat-flat-button type="button" [disabled]="answering.pending()" (click)="answer('decline')">
                This wasn’t me
              </button>
              <button mat-button type="button" [disabled]="answering.pending()" (click)="answer('confirm')">
                Confirm
              </button>
            } @else {
              <button mat-flat-button type="button" [disabled]="answering.pending()" (click)="answer('confirm')">
                Confirm
              </button>
              <button mat-stroked-button type="button" [disabled]="answering.pending()" (click)="answer('decline')">
                This wasn’t me
              </button>
            }
          </div>
        }
        @case ('confirmed') {
          <div class="icon success" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
              <path fill="currentColor" d="M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z" />
            </svg>
          </div>
          <h1>Your accounts are linked</h1>
          <p role="status">
            {{ current.preview.sourceOperatorName }} can now see the purchases, concessions and journeys of your
            {{ current.preview.targetOperatorName }} account.
          </p>
          <p>
            If you change your mind, ask {{ current.preview.sourceOperatorName }} or
            {{ current.preview.targetOperatorName }} to remove the link. You can close this page.
          </p>
        }
        @case ('declined') {
          <div class="icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
              <path
                fill="currentColor"
                d="M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5zm-2 16-4-4 1.41-1.41L10 14.17l6.59-6.59L18 9z"
              />
            </svg>
          </div>
          <h1>Request declined</h1>
          <p role="status">
            Thank you. Nothing is shared: {{ current.preview.sourceOperatorName }} cannot see your
            {{ current.preview.targetOperatorName }} account.
          </p>
          <p>
            You do not need to do anything else. If you think someone is using your details, contact
            {{ current.preview.targetOperatorName }}.
          </p>
        }
        @case ('problem') {
          @if (current.text.tone === 'warning') {
            <div class="icon warning" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
                <path fill="currentColor" d="M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z" />
              </svg>
            </div>
          } @else {
            <div class="icon" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
                <path
                  fill="currentColor"
                  d="M11 7h2v2h-2zm0 4h2v6h-2zm1-9C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8"
                />
              </svg>
            </div>
          }
          <h1>{{ current.text.title }}</h1>
          <p [attr.role]="current.text.tone === 'warning' ? 'alert' : 'status'">{{ current.text.message }}</p>
          <p class="expiry">You can close this page.</p>
        }
        @case ('failed') {
          <h1>Confirm an account link</h1>
          <p class="app-alert" role="alert">The request could not be loaded. {{ current.message }}</p>
          <div class="actions">
            <button mat-stroked-button type="button" (click)="preview.reload()">Try again</button>
          </div>
        }
      }
    </article>
  `,
  styles: `
    :host {
      margin-inline: auto;
      padding-block: 1rem 2rem;
    }

    .card {
      padding: 2rem;
      border-radius: var(--mat-sys-corner-extra-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }

    .card h1 {
      margin: 0 0 1rem;
    }

    .card p {
      margin: 0 0 1rem;
    }

    .icon {
      display: inline-grid;
      place-items: center;
      width: 4rem;
      height: 4rem;
      margin-block-end: 1rem;
      border-radius: 50%;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }

    .icon.success {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }

    .icon.warning {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    .request {
      margin: 0 0 1.25rem;
      padding: 1rem 1.25rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container);
    }

    .request dl {
      display: grid;
      gap: 0.5rem;
      margin: 0;
    }

    .request div {
      display: grid;
      grid-template-columns: 6rem 1fr;
      gap: 1rem;
    }

    .request dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }

    .request dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .request .masked {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      letter-spacing: 0.02em;
    }

    .expiry {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-block-start: 1.5rem;
    }
  `,
})
export class LinkConfirmPage {
  /** `?action=decline`: the email's "This wasn't me" link (bound by the router). */
  readonly action = input<string>();

  private readonly client = inject(LinkConfirmationClient);
  /** Taken once from the guard; memory only. */
  private readonly token = inject(LinkTokenHolder).take();

  protected readonly declineFirst = computed(() => this.action() === 'decline');

  protected readonly preview = resource({
    params: () => this.token ?? undefined,
    loader: ({ params: token }) => firstValueFrom(this.client.preview(token)),
  });
  protected readonly answering = createSubmission((answer: Answer) => {
    const token = this.token ?? '';
    return firstValueFrom(answer === 'confirm' ? this.client.confirm(token) : this.client.decline(token));
  });
  private readonly outcome = signal<'confirmed' | 'declined' | null>(null);

  /** A refusal of the answer that is not about the token (the network, the server): said above the buttons. */
  protected readonly answerFailure = computed(() => {
    const error = this.answering.error();
    return error && error.code !== 'ALREADY_PENDING' && !tokenProblemOf(error.code) ? genericErrorMessage(error) : null;
  });

  protected readonly view = computed<View>(() => {
    if (this.token === null) {
      return problem('missing');
    }
    const answerError = this.answering.error();
    const answerProblem = answerError ? tokenProblemOf(answerError.code) : null;
    if (answerProblem) {
      return problem(answerProblem);
    }
    const previewError = this.previewError();
    if (previewError) {
      const previewProblem = tokenProblemOf(previewError.code);
      return previewProblem ? problem(previewProblem) : { kind: 'failed', message: genericErrorMessage(previewError) };
    }
    if (!this.preview.hasValue()) {
      return { kind: 'loading' };
    }
    const preview = this.preview.value();
    const outcome = this.outcome();
    return outcome ? { kind: outcome, preview } : { kind: 'ask', preview };
  });

  private readonly previewError = computed<ApiError | null>(() => {
    const error = this.preview.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });

  protected expiry(iso: string): string {
    return formatDateTime(iso);
  }

  protected async answer(answer: Answer): Promise<void> {
    const result = await this.answering.run(answer);
    if (result.ok) {
      this.outcome.set(result.value.status);
    }
  }
}

function problem(kind: TokenProblem): View {
  return { kind: 'problem', problem: kind, text: TOKEN_PROBLEM_TEXT[kind] };
}
