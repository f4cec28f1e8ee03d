import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { createTokenPasswordFlow } from './data/token-password-flow';
import { NewPasswordForm } from './ui/new-password-form';

export const INVITATION_ACCEPTED_MESSAGE = 'Your password is set. You can now sign in.';

/** `/accept-invitation?token=…` (the link in the invitation email): an invited user chooses a password. */
@Component({
  selector: 'app-accept-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NewPasswordForm, RouterLink],
  host: { class: 'app-page' },
  template: `
    <h1>Accept your invitation</h1>
    @if (flow.done()) {
      <p class="app-notice" role="status">{{ doneMessage }}</p>
      <p><a routerLink="/login">Sign in</a></p>
    } @else if (flow.linkError(); as linkError) {
      <p class="app-alert" role="alert">{{ linkError }}</p>
    } @else {
      <p>Choose the password for your Open Transport Hub account.</p>
      <app-new-password-form
        submitLabel="Set password"
        [pending]="flow.pending()"
        [error]="flow.formError()"
        (submitted)="flow.submit($event)"
      />
    }
  `,
})
export class AcceptInvitationPage {
  /** Query parameter (bound by the router). */
  readonly token = input<string>();

  protected readonly doneMessage = INVITATION_ACCEPTED_MESSAGE;
  protected readonly flow = createTokenPasswordFlow('invitation', () => this.token());
}
