import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, LessThanOrEqual, MoreThan } from 'typeorm';
import { Customer } from '../customers/entities/customer.entity';
import type { LinkEndRef } from './account-link-tokens';
import { AccountLinkToken, LinkTokenKind } from './entities/account-link-token.entity';
import { AccountLink, LinkActorKind } from './entities/account-link.entity';

/** The target account and the operator asking: what the daily limits count per. */
export interface LimitKey {
  sourceOperatorId: string;
  targetOperatorId: string;
  targetCustomerId: string;
}

/** At most this many links per account in a list (newest first). */
export const LIST_LIMIT = 500;

/**
 * All SQL of the account-linking module, through TypeORM's query builder and find options with bound parameters
 * only. State changes that race (confirm, decline, revoke, resend, expire) are single conditional UPDATEs whose
 * `affected` count says whether this caller won.
 */
@Injectable()
export class AccountLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private links(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AccountLink);
  }

  private tokens(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AccountLinkToken);
  }

  /** Runs `work` in one transaction (SQLite: one at a time through the connection gate). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findCustomer(ref: LinkEndRef, manager?: EntityManager): Promise<Customer | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(Customer)
      .findOne({ where: { operatorId: ref.operatorId, customerId: ref.customerId } });
  }

  findCustomerByPk(pk: number, manager?: EntityManager): Promise<Customer | null> {
    return (manager ?? this.dataSource.manager).getRepository(Customer).findOne({ where: { id: pk } });
  }

  findById(id: string, manager?: EntityManager): Promise<AccountLink | null> {
    return this.links(manager).findOne({ where: { id } });
  }

  /** The link whose current token has this hash. */
  findByTokenHash(tokenHash: string): Promise<AccountLink | null> {
    return this.links().findOne({ where: { tokenHash } });
  }

  /** Whether a token with this hash was ever issued (a superseded one, when no link holds it now). */
  tokenIssued(tokenHash: string): Promise<boolean> {
    return this.tokens().existsBy({ tokenHash });
  }

  /**
   * Links where the account is the source, or the target (only when the target account exists: see linkSideOf),
   * newest first.
   */
  listForAccount(ref: LinkEndRef): Promise<AccountLink[]> {
    return this.links()
      .createQueryBuilder('link')
      .where(
        new Brackets((either) =>
          either
            .where('link.sourceOperatorId = :operatorId AND link.sourceCustomerId = :customerId')
            .orWhere(
              'link.targetOperatorId = :operatorId AND link.targetCustomerId = :customerId ' +
                'AND link.targetCustomerPk IS NOT NULL',
            ),
        ),
      )
      .setParameters({ operatorId: ref.operatorId, customerId: ref.customerId })
      .orderBy('link.requestedAt', 'DESC')
      .addOrderBy('link.id', 'DESC')
      .limit(LIST_LIMIT)
      .getMany();
  }

  /** The pending or confirmed link of a pair, if any (the partial unique index allows at most one). */
  findActiveByPair(manager: EntityManager, pairKey: string): Promise<AccountLink | null> {
    return this.links(manager).findOne({ where: { pairKey, status: In(['pending', 'confirmed']) } });
  }

  /** Pending links of a pair past their expiry (they still hold the pair's slot until marked expired). */
  findStalePendingByPair(manager: EntityManager, pairKey: string, now: Date): Promise<AccountLink[]> {
    return this.links(manager).find({ where: { pairKey, status: 'pending', expiresAt: LessThanOrEqual(now) } });
  }

  /** Pending links past their expiry, oldest expiry first, at most `limit`. */
  findStalePending(now: Date, limit: number): Promise<AccountLink[]> {
    return this.links().find({
      where: { status: 'pending', expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }

  /** pending (expired) → expired; true when this call changed it. */
  async markExpired(id: string, now: Date, manager?: EntityManager): Promise<boolean> {
    const result = await this.links(manager).update(
      { id, status: 'pending', expiresAt: LessThanOrEqual(now) },
      { status: 'expired' },
    );
    return result.affected === 1;
  }

  /**
   * PostgreSQL: serialises the limit checks of one requesting operator and target account until the transaction
   * ends (a transaction-scoped advisory lock on a hash of the key; the key is a bound parameter). SQLite runs one
   * write transaction at a time anyway.
   */
  async lockLimitKey(manager: EntityManager, key: LimitKey): Promise<void> {
    if (this.dataSource.options.type !== 'postgres') return;
    const text = JSON.stringify(['account-link', key.sourceOperatorId, key.targetOperatorId, key.targetCustomerId]);
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [text]);
  }

  /** When the tokens of this kind for the key's links were issued since `since`, oldest first. */
  async issuedSince(manager: EntityManager, key: LimitKey, kind: LinkTokenKind, since: Date): Promise<Date[]> {
    const rows = await this.tokens(manager)
      .createQueryBuilder('token')
      .innerJoin(AccountLink, 'link', 'link.id = token.linkId')
      .where('link.sourceOperatorId = :sourceOperatorId', { sourceOperatorId: key.sourceOperatorId })
      .andWhere('link.targetOperatorId = :targetOperatorId', { targetOperatorId: key.targetOperatorId })
      .andWhere('link.targetCustomerId = :targetCustomerId', { targetCustomerId: key.targetCustomerId })
      .andWhere('token.kind = :kind', { kind })
      .andWhere('token.issuedAt > :since', { since })
      .orderBy('token.issuedAt', 'ASC')
      .getMany();
    return rows.map((row) => row.issuedAt);
  }

  async insertLink(manager: EntityManager, link: AccountLink): Promise<void> {
    await this.links(manager).insert(link);
  }

  async insertToken(manager: EntityManager, token: AccountLinkToken): Promise<void> {
    await this.tokens(manager).insert(token);
  }

  /** pending (current token, not expired) → confirmed, in one statement; true for the one caller that won. */
  async confirm(link: AccountLink, tokenHash: string, now: Date, ip: string | null): Promise<boolean> {
    const result = await this.links().update(
      { id: link.id, tokenHash, status: 'pending', expiresAt: MoreThan(now) },
      { status: 'confirmed', confirmedAt: now, confirmedIp: ip },
    );
    return result.affected === 1;
  }

  /** pending (current token, not expired) → declined, in one statement. */
  async decline(link: AccountLink, tokenHash: string, now: Date): Promise<boolean> {
    const result = await this.links().update(
      { id: link.id, tokenHash, status: 'pending', expiresAt: MoreThan(now) },
      { status: 'declined', declinedAt: now },
    );
    return result.affected === 1;
  }

  /** confirmed, or pending and not expired → revoked, in one statement. */
  async revoke(id: string, now: Date, by: { kind: LinkActorKind; id: string }): Promise<boolean> {
    const result = await this.links()
      .createQueryBuilder()
      .update(AccountLink)
      .set({ status: 'revoked', revokedAt: now, revokedByKind: by.kind, revokedById: by.id })
      .where('id = :id', { id })
      .andWhere(
        new Brackets((active) =>
          active
            .where('status = :confirmed', { confirmed: 'confirmed' })
            .orWhere('(status = :pending AND expires_at > :now)', { pending: 'pending', now }),
        ),
      )
      .execute();
    return result.affected === 1;
  }

  /**
   * A new token for a pending link, in one statement: only if the link is still pending and unexpired with the token
   * the caller saw, and its last email is at least `cooldownCutoff` old.
   */
  async replaceToken(
    manager: EntityManager,
    link: AccountLink,
    change: { tokenHash: string; expiresAt: Date; now: Date; cooldownCutoff: Date },
  ): Promise<boolean> {
    const result = await this.links(manager).update(
      {
        id: link.id,
        tokenHash: link.tokenHash,
        status: 'pending',
        expiresAt: MoreThan(change.now),
        lastSentAt: LessThanOrEqual(change.cooldownCutoff),
      },
      {
        tokenHash: change.tokenHash,
        expiresAt: change.expiresAt,
        lastSentAt: change.now,
        resendCount: link.resendCount + 1,
      },
    );
    return result.affected === 1;
  }

  /**
   * Is there a confirmed link joining `customer` with an account of `operatorId` (in either direction)? The first
   * such link, for the access event. Read on every call: revocation counts from the next request.
   */
  findConfirmedLinkBetween(operatorId: string, customer: LinkEndRef): Promise<AccountLink | null> {
    return this.links()
      .createQueryBuilder('link')
      .where('link.status = :confirmed', { confirmed: 'confirmed' })
      .andWhere('link.targetCustomerPk IS NOT NULL')
      .andWhere(
        new Brackets((either) =>
          either
            .where(
              new Brackets((asTarget) =>
                asTarget
                  .where('link.targetOperatorId = :customerOperatorId')
                  .andWhere('link.targetCustomerId = :customerId')
                  .andWhere('link.sourceOperatorId = :operatorId'),
              ),
            )
            .orWhere(
              new Brackets((asSource) =>
                asSource
                  .where('link.sourceOperatorId = :customerOperatorId')
                  .andWhere('link.sourceCustomerId = :customerId')
                  .andWhere('link.targetOperatorId = :operatorId'),
              ),
            ),
        ),
      )
      .setParameters({ customerOperatorId: customer.operatorId, customerId: customer.customerId, operatorId })
      .orderBy('link.confirmedAt', 'ASC')
      .getOne();
  }
}
