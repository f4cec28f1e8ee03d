import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { type CreateIpRuleRequest, type IpAllowDto, type IpBlockDto } from '../model/ip-rules.model';
import { IpRulesClient } from './ip-rules-client';

function errorOf(resourceError: unknown) {
  return resourceError ? toApiError((resourceError as { cause?: unknown }).cause ?? resourceError) : null;
}

/** The blocks and allowlist entries in force, and the changes to them. Provided by the IP blocklist page. */
@Injectable()
export class IpRulesStore {
  private readonly client = inject(IpRulesClient);

  private readonly blockList = rxResource({ stream: () => this.client.blocks() });
  private readonly allowList = rxResource({ stream: () => this.client.allows() });

  readonly blocks = computed<readonly IpBlockDto[]>(() => (this.blockList.hasValue() ? this.blockList.value() : []));
  readonly blocksLoaded = computed(() => this.blockList.hasValue());
  readonly blocksLoading = this.blockList.isLoading;
  readonly blocksError = computed(() => errorOf(this.blockList.error()));

  readonly allows = computed<readonly IpAllowDto[]>(() => (this.allowList.hasValue() ? this.allowList.value() : []));
  readonly allowsLoaded = computed(() => this.allowList.hasValue());
  readonly allowsLoading = this.allowList.isLoading;
  readonly allowsError = computed(() => errorOf(this.allowList.error()));

  reload(): void {
    this.blockList.reload();
    this.allowList.reload();
  }

  async block(request: CreateIpRuleRequest): Promise<IpBlockDto> {
    const block = await firstValueFrom(this.client.block(request));
    this.blockList.reload();
    return block;
  }

  /** Removes a block; the list is reloaded whatever the answer (a block gone already has expired or was removed). */
  async unblock(id: string): Promise<void> {
    try {
      await firstValueFrom(this.client.unblock(id), { defaultValue: undefined });
    } finally {
      this.blockList.reload();
    }
  }

  async allow(request: CreateIpRuleRequest): Promise<IpAllowDto> {
    const allow = await firstValueFrom(this.client.allow(request));
    this.allowList.reload();
    return allow;
  }

  async removeAllow(id: string): Promise<void> {
    try {
      await firstValueFrom(this.client.removeAllow(id), { defaultValue: undefined });
    } finally {
      this.allowList.reload();
    }
  }
}
