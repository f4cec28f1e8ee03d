import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CommonErrors } from '../../common/errors/common.errors';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { RECORD_FIELDS, RefNames, toConcessionDto, toPurchaseDto, toUsageDto } from '../customers/customer-mapping';
import { CustomerErrors } from '../customers/customers.errors';
import { CustomersRepository, RecordEntities, RecordKind } from '../customers/customers.repository';
import type { RecordDtos, RecordPage } from '../customers/customers.service';
import { parseDateWindow } from '../customers/date-window';
import type { RecordQueryDto } from '../customers/dto/customer-query.dto';
import type { Customer } from '../customers/entities/customer.entity';
import { AccountLinkActor, AccountLinkStep, actorOf } from '../events/domain-events';
import { DomainEventsService } from '../events/domain-events.service';
import type { DirectorySnapshot } from '../operators/directory-snapshot';
import { DirectorySnapshotService } from '../operators/directory-snapshot.service';
import { endsOf, publishStep, StepDetails, SYSTEM_ACTOR } from './account-link-events';
import { toAcceptedDto, toAccountLinkDto } from './account-link-mapping';
import { AccountLinkMailService, isMailable, MailAccount } from './account-link-mail.service';
import {
  cooldownRemainingMs,
  displayStatus,
  LIMIT_WINDOW_MS,
  limitRetryAfterMs,
  LinkReach,
  linkReachOf,
  LinkSide,
  linkSideOf,
  mayResend,
  reachesOperator,
  REQUEST_DAILY_LIMIT,
  RESEND_COOLDOWN_MS,
  RESEND_DAILY_LIMIT,
} from './account-link-rules';
import { issueLinkToken, LinkEndRef, pairKeyOf } from './account-link-tokens';
import { AccountLinkErrors } from './account-linking.errors';
import { AccountLinksRepository, LimitKey } from './account-links.repository';
import type { AccountLinkListQueryDto, CreateAccountLinkDto } from './dto/account-link-requests.dto';
import type { AccountLinkAcceptedDto, AccountLinkDto } from './dto/account-link.dto';
import { AccountLinkToken } from './entities/account-link-token.entity';
import { AccountLink } from './entities/account-link.entity';

const DEFAULT_PAGE_SIZE = 20;

const MAPPERS: { [K in RecordKind]: (row: RecordEntities[K], names: RefNames) => RecordDtos[K] } = {
  purchases: toPurchaseDto,
  concessions: toConcessionDto,
  usages: toUsageDto,
};

const refNames = (snapshot: DirectorySnapshot): RefNames => {
  const modes = new Map(snapshot.modes.map((m) => [m.id, m.shortDesc]));
  return {
    mode: (id) => modes.get(id) ?? '',
    operator: (id) => snapshot.byId.get(id)?.dto.name ?? '',
  };
};

const mailAccount = (customer: Customer, operatorName: string): MailAccount => ({
  operatorName,
  customerId: customer.customerId,
  name: customer.name,
  email: customer.email,
});

/**
 * Account links for staff and API clients (docs/account-linking-api.md): request, list, read, revoke, resend, and
 * the linked account's records. Every route: input syntax (400) → the caller's operator (403) → the link as the
 * caller may see it (404 LINK_NOT_FOUND for everyone else, whether it exists or not) → its state (409/429).
 * Events are published after the change committed; none carries a token.
 */
@Injectable()
export class AccountLinkingService {
  constructor(
    private readonly links: AccountLinksRepository,
    private readonly customers: CustomersRepository,
    private readonly mailer: AccountLinkMailService,
    private readonly snapshots: DirectorySnapshotService,
    private readonly events: DomainEventsService,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
  ) {}

  /**
   * Asks the target account's owner to confirm. The answer is the same whether or not the target account exists
   * (a row is stored either way; only an existing account, with an address on file, gets the email).
   */
  async request(principal: Principal, dto: CreateAccountLinkDto): Promise<AccountLinkAcceptedDto> {
    const { source, target } = dto;
    if (!reachesOperator(linkReachOf(principal), source.operatorId)) throw CustomerErrors.accessDenied();
    if (source.operatorId === target.operatorId) throw AccountLinkErrors.sameOperator();
    const snapshot = await this.snapshots.get();
    if (!this.isHosted(snapshot, source.operatorId)) throw CustomerErrors.operatorNotHosted(source.operatorId);
    if (!this.isHosted(snapshot, target.operatorId)) throw AccountLinkErrors.operatorNotHosted(target.operatorId);
    const sourceCustomer = await this.links.findCustomer(source);
    if (!sourceCustomer) throw CustomerErrors.customerNotFound();

    const now = this.clock.now();
    const pairKey = pairKeyOf(source, target);
    const key = limitKeyOf(source.operatorId, target);
    const { token, hash } = issueLinkToken();
    const names = (id: string) => snapshot.byId.get(id)?.dto.name ?? '';

    const outcome = await this.links.transaction(async (manager) => {
      // A pending link past its expiry still holds the pair's slot in the unique index: release it first.
      const expired: AccountLink[] = [];
      for (const stale of await this.links.findStalePendingByPair(manager, pairKey, now)) {
        if (await this.links.markExpired(stale.id, now, manager)) expired.push(stale);
      }
      if (await this.links.findActiveByPair(manager, pairKey)) throw AccountLinkErrors.linkExists();
      await this.links.lockLimitKey(manager, key);
      const sent = await this.links.issuedSince(manager, key, 'request', windowStart(now));
      const retryAfter = limitRetryAfterMs(sent, REQUEST_DAILY_LIMIT, now);
      if (retryAfter !== null) throw AccountLinkErrors.requestLimit(retryAfter);

      const targetCustomer = await this.links.findCustomer(target, manager);
      const link = Object.assign(new AccountLink(), {
        pairKey,
        status: 'pending',
        sourceOperatorId: source.operatorId,
        sourceCustomerPk: sourceCustomer.id,
        sourceCustomerId: source.customerId,
        targetOperatorId: target.operatorId,
        targetCustomerPk: targetCustomer?.id ?? null,
        targetCustomerId: target.customerId,
        tokenHash: hash,
        expiresAt: this.expiryFrom(now),
        requestedByKind: principal.kind,
        requestedById: actorOf(principal).id,
        requestedAt: now,
        lastSentAt: now,
        resendCount: 0,
        confirmedAt: null,
        confirmedIp: null,
        declinedAt: null,
        revokedAt: null,
        revokedByKind: null,
        revokedById: null,
      } satisfies Omit<AccountLink, 'id' | 'assignId'>);
      try {
        await this.links.insertLink(manager, link);
      } catch (error) {
        // A concurrent request for the same pair (either direction) committed first.
        if (isUniqueViolation(error)) throw AccountLinkErrors.linkExists();
        throw error;
      }
      await this.links.insertToken(manager, tokenRow(hash, link.id, 'request', now));

      const recipients: ('target-owner' | 'source-owner')[] = [];
      const sourceMail = mailAccount(sourceCustomer, names(source.operatorId));
      if (targetCustomer && isMailable(targetCustomer.email)) {
        const targetMail = mailAccount(targetCustomer, names(target.operatorId));
        await this.mailer.sendConfirmationRequest(manager, targetMail, sourceMail, token, link.expiresAt);
        recipients.push('target-owner');
      }
      if (isMailable(sourceCustomer.email)) {
        await this.mailer.sendRequestNotice(manager, sourceMail, names(target.operatorId));
        recipients.push('source-owner');
      }
      return { link, expired, recipients };
    });

    for (const stale of outcome.expired) this.publish('expired', SYSTEM_ACTOR, stale);
    const actor = actorOf(principal);
    this.publish('requested', actor, outcome.link);
    for (const recipient of outcome.recipients) this.publish('emailed', actor, outcome.link, { recipient });
    return toAcceptedDto(outcome.link);
  }

  /** The links of one account (as source, or as target when it exists), newest first. */
  async list(principal: Principal, query: AccountLinkListQueryDto): Promise<AccountLinkDto[]> {
    const reach = linkReachOf(principal);
    if (!reachesOperator(reach, query.operatorId)) throw CustomerErrors.accessDenied();
    const snapshot = await this.snapshots.get();
    if (!this.isHosted(snapshot, query.operatorId)) throw CustomerErrors.operatorNotHosted(query.operatorId);
    if (!(await this.links.findCustomer(query))) throw CustomerErrors.customerNotFound();
    const now = this.clock.now();
    const names = this.names(snapshot);
    const dtos: AccountLinkDto[] = [];
    for (const link of await this.links.listForAccount(query)) {
      const side = linkSideOf(reach, link);
      if (side) dtos.push(toAccountLinkDto(link, names, side, now));
    }
    return dtos;
  }

  async get(principal: Principal, id: string): Promise<AccountLinkDto> {
    const { link, side } = await this.visibleLink(principal, id);
    return toAccountLinkDto(link, this.names(await this.snapshots.get()), side, this.clock.now());
  }

  /**
   * A page of the other account's records through a confirmed link: the target's for the source side and admins,
   * the source's for the target side. Same shapes and paging as the customers API.
   */
  async records<K extends RecordKind>(
    kind: K,
    principal: Principal,
    id: string,
    query: RecordQueryDto,
  ): Promise<RecordPage<K>> {
    const parsed = parseDateWindow({ from: query.from, to: query.to }, { from: 'from', to: 'to' });
    if (!parsed.window) {
      throw CommonErrors.validationFailed(
        parsed.problems.map((p) => ({ field: p.parameter, constraint: 'isDateWindow', message: p.message })),
      );
    }
    const { link, side } = await this.visibleLink(principal, id);
    if (displayStatus(link, this.clock.now()) !== 'confirmed' || link.targetCustomerPk === null) {
      throw AccountLinkErrors.notConfirmed();
    }
    const readEnd = side === 'target' ? 'source' : 'target';
    const end = endsOf(link)[readEnd];
    const customerPk = readEnd === 'target' ? link.targetCustomerPk : link.sourceCustomerPk;
    const snapshot = await this.snapshots.get();
    if (!this.isHosted(snapshot, end.operatorId)) throw CustomerErrors.operatorNotHosted(end.operatorId);

    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const slice = await this.customers.findRecords(kind, customerPk, parsed.window, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
      count: true,
    });
    const names = refNames(snapshot);
    const map = MAPPERS[kind];
    const items = slice.rows.map((row) => map(row, names));

    this.events.publishCustomerAccess(principal, {
      operatorId: end.operatorId,
      customerId: end.customerId,
      what: kind,
      fields: [...RECORD_FIELDS[kind]],
      piiMasked: false,
      channel: 'staff',
      count: items.length,
    });
    this.publish('data-read', actorOf(principal), link, {
      channel: 'link-routes',
      what: kind,
      count: items.length,
      readEnd,
    });
    return { items, total: slice.total ?? 0, page, pageSize };
  }

  /** Ends a pending or confirmed link (either side, admins); reads through it stop with the next request. */
  async revoke(principal: Principal, id: string): Promise<void> {
    const { link } = await this.visibleLink(principal, id);
    const actor = actorOf(principal);
    const revoked = await this.links.revoke(link.id, this.clock.now(), { kind: principal.kind, id: actor.id });
    if (!revoked) throw AccountLinkErrors.notActive();
    this.publish('revoked', actor, link);
  }

  /**
   * Sends the confirmation email again with a new token (the old one is superseded and its link stops working):
   * pending links only, at most once per 10 minutes per link and 5 times a day per target account.
   */
  async resend(principal: Principal, id: string): Promise<AccountLinkAcceptedDto> {
    const { link, side } = await this.visibleLink(principal, id);
    if (!mayResend(side)) throw CustomerErrors.accessDenied();
    const now = this.clock.now();
    if (displayStatus(link, now) !== 'pending') throw AccountLinkErrors.notPending();
    const wait = cooldownRemainingMs(link.lastSentAt, now);
    if (wait > 0) throw AccountLinkErrors.resendCooldown(wait);

    const key = limitKeyOf(link.sourceOperatorId, endsOf(link).target);
    const { token, hash } = issueLinkToken();
    const expiresAt = this.expiryFrom(now);
    const snapshot = await this.snapshots.get();
    const names = this.names(snapshot);

    const emailed = await this.links.transaction(async (manager) => {
      await this.links.lockLimitKey(manager, key);
      const sent = await this.links.issuedSince(manager, key, 'resend', windowStart(now));
      const retryAfter = limitRetryAfterMs(sent, RESEND_DAILY_LIMIT, now);
      if (retryAfter !== null) throw AccountLinkErrors.resendLimit(retryAfter);
      const cooldownCutoff = new Date(now.getTime() - RESEND_COOLDOWN_MS);
      const replaced = await this.links.replaceToken(manager, link, {
        tokenHash: hash,
        expiresAt,
        now,
        cooldownCutoff,
      });
      if (!replaced) {
        // Changed since it was read: confirmed, declined, revoked or expired meanwhile, or resent a moment ago.
        const current = await this.links.findById(link.id, manager);
        if (current && displayStatus(current, now) === 'pending') {
          throw AccountLinkErrors.resendCooldown(Math.max(1000, cooldownRemainingMs(current.lastSentAt, now)));
        }
        throw AccountLinkErrors.notPending();
      }
      await this.links.insertToken(manager, tokenRow(hash, link.id, 'resend', now));

      if (link.targetCustomerPk === null) return false;
      const targetCustomer = await this.links.findCustomerByPk(link.targetCustomerPk, manager);
      const sourceCustomer = await this.links.findCustomerByPk(link.sourceCustomerPk, manager);
      if (!targetCustomer || !sourceCustomer || !isMailable(targetCustomer.email)) return false;
      await this.mailer.sendConfirmationRequest(
        manager,
        mailAccount(targetCustomer, names(link.targetOperatorId)),
        mailAccount(sourceCustomer, names(link.sourceOperatorId)),
        token,
        expiresAt,
      );
      return true;
    });

    const actor = actorOf(principal);
    this.publish('resent', actor, link);
    if (emailed) this.publish('emailed', actor, link, { recipient: 'target-owner' });
    return toAcceptedDto({ id: link.id, expiresAt });
  }

  /** The link with the caller's side of it, or 404 LINK_NOT_FOUND (unknown, or not the caller's to see). */
  private async visibleLink(principal: Principal, id: string): Promise<{ link: AccountLink; side: LinkSide }> {
    const reach: LinkReach = linkReachOf(principal);
    if (reach === null) throw AccountLinkErrors.notFound();
    const link = await this.links.findById(id);
    const side = link ? linkSideOf(reach, link) : null;
    if (!link || !side) throw AccountLinkErrors.notFound();
    return { link, side };
  }

  private isHosted(snapshot: DirectorySnapshot, operatorId: string): boolean {
    return snapshot.byId.get(operatorId)?.dto.accountsHosted === true;
  }

  private names(snapshot: DirectorySnapshot) {
    return (operatorId: string) => snapshot.byId.get(operatorId)?.dto.name ?? '';
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.accountLinking.tokenTtlSeconds * 1000);
  }

  private publish(step: AccountLinkStep, actor: AccountLinkActor, link: AccountLink, details: StepDetails = {}): void {
    publishStep(this.events, step, actor, link, details);
  }
}

function limitKeyOf(sourceOperatorId: string, target: LinkEndRef): LimitKey {
  return { sourceOperatorId, targetOperatorId: target.operatorId, targetCustomerId: target.customerId };
}

function windowStart(now: Date): Date {
  return new Date(now.getTime() - LIMIT_WINDOW_MS);
}

function tokenRow(tokenHash: string, linkId: string, kind: AccountLinkToken['kind'], issuedAt: Date) {
  return Object.assign(new AccountLinkToken(), { tokenHash, linkId, kind, issuedAt });
}
