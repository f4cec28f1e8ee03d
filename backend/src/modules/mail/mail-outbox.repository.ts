import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';

export interface NewOutboxMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

/** Bodies and links hold one-time tokens: once a message is final they are dropped (see docs/mail.md). */
const CLEARED_CONTENT = { textBody: '', htmlBody: '', links: null } as const;

/** All SQL of the outbox table. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a pending message, due now; inside the caller's transaction when `manager` is given. */
  async add(message: NewOutboxMessage, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result = await manager.getRepository(OutboxMessage).insert({
      kind: message.kind,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      links: message.links,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
    });
    return Number((result.identifiers[0] as { id: number }).id);
  }

  /**
   * Claims up to `limit` messages that are due (pending and past `next_attempt_at`, or `sending` with an expired
   * claim, left behind by an instance that died mid-send): one atomic UPDATE sets them to `sending` until
   * `lockedUntil` and counts the attempt. On PostgreSQL the inner SELECT takes row locks with SKIP LOCKED, so
   * instances polling together each get different rows without waiting on one another; SQLite runs one write
   * statement at a time, which gives the same guarantee. Returns the claimed rows, oldest due first.
   */
  async claimDue(limit: number, now: Date, lockedUntil: Date): Promise<OutboxMessage[]> {
    const lock = this.dataSource.options.type === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const due = `("status" = 'pending' AND "next_attempt_at" <= :now) OR ("status" = 'sending' AND "locked_until" < :now)`;
    const sql =
      `UPDATE "mail_outbox" SET "status" = 'sending', "locked_until" = :lockedUntil, "attempts" = "attempts" + 1 ` +
      `WHERE "id" IN (SELECT "id" FROM "mail_outbox" WHERE ${due} ORDER BY "next_attempt_at", "id" LIMIT :limit ${lock}) ` +
      `AND (${due}) RETURNING "id"`;
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(sql, { now, lockedUntil, limit });
    const runner = this.dataSource.createQueryRunner();
    let ids: number[];
    try {
      const result = await runner.query(query, parameters, true);
      ids = (result.records as { id: number | string }[]).map((row) => Number(row.id));
    } finally {
      await runner.release();
    }
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(OutboxMessage).findBy({ id: In(ids) });
    return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  }

  async markSent(id: number, sentAt: Date): Promise<void> {
    await this.dataSource
      .getRepository(OutboxMessage)
      .update(
        { id, status: 'sending' },
        { status: 'sent', sentAt, lockedUntil: null, lastError: null, ...CLEARED_CONTENT },
      );
  }

  async scheduleRetry(id: number, nextAttemptAt: Date, lastError: string): Promise<void> {
    await this.dataSource
      .getRepository(OutboxMessage)
      .update({ id, status: 'sending' }, { status: 'pending', nextAttemptAt, lockedUntil: null, lastError });
  }

  async markFailed(id: number, lastError: string): Promise<void> {
    await this.dataSource
      .getRepository(OutboxMessage)
      .update({ id, status: 'sending' }, { status: 'failed', lockedUntil: null, lastError, ...CLEARED_CONTENT });
  }
}
