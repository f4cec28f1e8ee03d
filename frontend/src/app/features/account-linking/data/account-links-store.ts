import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { type ApiError, toApiError } from '../../../core/http/api-error';
import { type AccountLinkAcceptedDto, type AccountLinkDto, type LinkEndInput } from '../model/account-links.model';
import { AccountLinksClient } from './account-links-client';

export function resourceError(error: Error | undefined): ApiError | null {
  return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
}

/**
 * The links of one account, for the Linked accounts tab, and the actions on them (revoke, resend), after which the
 * list is asked for again. Provided by the tab, so each visit shows the links as they are now.
 */
@Injectable()
export class AccountLinksStore {
  private readonly client = inject(AccountLinksClient);

  private readonly account = signal<LinkEndInput | undefined>(undefined, {
    equal: (a, b) => a?.operatorId === b?.operatorId && a?.customerId === b?.customerId,
  });
  private readonly listResource = rxResource({
    params: () => this.account(),
    stream: ({ params }) => this.client.list(params),
  });

  readonly links = computed<readonly AccountLinkDto[] | null>(() =>
    this.listResource.hasValue() ? this.listResource.value() : null,
  );
  readonly loading = this.listResource.isLoading;
  readonly error = computed(() => resourceError(this.listResource.error()));

  constructor() {
    onSessionEnd(() => this.account.set(undefined));
  }

  /** Shows the links of `account` (undefined: none). */
  select(account: LinkEndInput | undefined): void {
    this.account.set(account);
  }

  reload(): void {
    this.listResource.reload();
  }

  /** Revokes the link; the list is asked for again whatever the answer (the link may have changed meanwhile). */
  async revoke(id: string): Promise<void> {
    try {
      await firstValueFrom(this.client.revoke(id), { defaultValue: undefined });
    } finally {
      this.reload();
    }
  }

  /** Sends the confirmation email again; the list is asked for again on success. */
  async resend(id: string): Promise<AccountLinkAcceptedDto> {
    const accepted = await firstValueFrom(this.client.resend(id));
    this.reload();
    return accepted;
  }
}
