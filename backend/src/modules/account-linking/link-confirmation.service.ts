import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { maskEmail } from '../customers/pii-masking';
import { DomainEventsService } from '../events/domain-events.service';
import { DirectorySnapshotService } from '../operators/directory-snapshot.service';
import { displayStatus, maskName } from './account-link-rules';
import { linkTokenHash } from './account-link-tokens';
import { AccountLinkErrors } from './account-linking.errors';
import { LINK_TOKEN_ACTOR, publishStep } from './account-link-events';
import { AccountLinksRepository } from './account-links.repository';
import type { AccountLinkOutcomeDto, AccountLinkPreviewDto } from './dto/account-link.dto';
import type { AccountLink } from './entities/account-link.entity';

/**
 * The public confirmation steps (no login): preview, confirm, decline, each by the emailed token. The token is looked
 * up by its SHA-256 only; each outcome has its own error (docs/account-linking-api.md, "Public confirmation").
 * Confirm and decline are one conditional UPDATE each, so of concurrent uses of one token exactly one wins.
 */
@Injectable()
export class LinkConfirmationService {
  constructor(
    private readonly links: AccountLinksRepository,
    private readonly snapshots: DirectorySnapshotService,
    private readonly events: DomainEventsService,
    private readonly clock: Clock,
  ) {}

  /** Who asks, masked. Does not use the token up. */
  async preview(token: string): Promise<AccountLinkPreviewDto> {
    const { link } = await this.usableLink(token);
    const source = await this.links.findCustomerByPk(link.sourceCustomerPk);
    // The link goes with the account (ON DELETE CASCADE), so a missing source is a race with a deletion.
    if (!source) throw AccountLinkErrors.tokenUnknown();
    const snapshot = await this.snapshots.get();
    const name = (id: string) => snapshot.byId.get(id)?.dto.name ?? '';
    publishStep(this.events, 'previewed', LINK_TOKEN_ACTOR, link);
    return {
      sourceOperatorName: name(link.sourceOperatorId),
      sourceName: maskName(source.name),
      sourceEmail: maskEmail(source.email),
      targetOperatorName: name(link.targetOperatorId),
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  /** The owner confirms: the source side may read the target's records from now on. Records when and from where. */
  async confirm(token: string, ip: string | null): Promise<AccountLinkOutcomeDto> {
    const { link, hash } = await this.usableLink(token);
    // An IPv6 address with a zone can exceed the column; the address part is what matters.
    const won = await this.links.confirm(link, hash, this.clock.now(), ip?.slice(0, 45) ?? null);
    if (!won) await this.explainLoss(link, hash);
    publishStep(this.events, 'confirmed', LINK_TOKEN_ACTOR, link);
    return { status: 'confirmed' };
  }

  /** "This wasn't me": the request ends, nothing is shared. */
  async decline(token: string): Promise<AccountLinkOutcomeDto> {
    const { link, hash } = await this.usableLink(token);
    const won = await this.links.decline(link, hash, this.clock.now());
    if (!won) await this.explainLoss(link, hash);
    publishStep(this.events, 'declined', LINK_TOKEN_ACTOR, link);
    return { status: 'declined' };
  }

  /** The pending link this token is the current token of, or the error that says why it is not. */
  private async usableLink(token: string): Promise<{ link: AccountLink; hash: string }> {
    const hash = linkTokenHash(token);
    if (!hash) throw AccountLinkErrors.tokenUnknown();
    const link = await this.links.findByTokenHash(hash);
    if (!link) {
      if (await this.links.tokenIssued(hash)) throw AccountLinkErrors.tokenSuperseded();
      throw AccountLinkErrors.tokenUnknown();
    }
    // No email goes to a target that does not exist, so no one can hold such a token; never honour one.
    if (link.targetCustomerPk === null) throw AccountLinkErrors.tokenUnknown();
    this.assertPending(link);
    return { link, hash };
  }

  /** The conditional update changed nothing: another request got there first. Says what happened. */
  private async explainLoss(link: AccountLink, hash: string): Promise<never> {
    const current = await this.links.findById(link.id);
    if (!current) throw AccountLinkErrors.tokenUnknown();
    if (current.tokenHash !== hash) throw AccountLinkErrors.tokenSuperseded();
    this.assertPending(current);
    // Still pending with this token and unexpired, yet not updated: only a clock at the very edge of expiry gets here.
    throw AccountLinkErrors.tokenExpired();
  }

  private assertPending(link: AccountLink): void {
    const status = displayStatus(link, this.clock.now());
    switch (status) {
      case 'pending':
        return;
      case 'confirmed':
        throw AccountLinkErrors.alreadyConfirmed();
      case 'declined':
        throw AccountLinkErrors.alreadyDeclined();
      case 'expired':
        throw AccountLinkErrors.tokenExpired();
      case 'revoked':
        throw AccountLinkErrors.tokenSuperseded();
    }
  }
}
