import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { AppConfigService } from '../../config/app-config.service';
import { OutboxMessage } from './entities/outbox-message.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { maskEmailAddress } from './mail-privacy';
import { describeSendError, isPermanentFailure, retryDelayMs } from './retry-policy';
import { MAIL_TRANSPORT, MailTransport } from './transports/mail-transport';

/** Poll interval while the outbox is idle (other instances' messages, retries coming due). */
export const POLL_INTERVAL_MS = 1_000;
/** Messages claimed per round; they are sent concurrently (the SMTP pool has a few connections). */
export const BATCH_SIZE = 5;
/** A claim lasts this long: far beyond the SMTP timeouts, so only a dead instance's claim ever expires. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** After a database error, wait this long before polling again (no log flood while the database is away). */
export const ERROR_BACKOFF_MS = 5_000;
/** At shutdown, wait at most this long for sends in flight (inside the 10 s shutdown watchdog). */
export const SHUTDOWN_WAIT_MS = 5_000;

/**
 * Delivers the outbox: a setTimeout loop (unref'd, so it never keeps the process alive) claims due messages,
 * sends them through the transport and records the outcome — sent, retry later with backoff, or failed after
 * MAIL_MAX_ATTEMPTS. It polls every second when idle and runs at once when this process enqueues mail (after the
 * enqueuing transaction commits). Several instances may run it against one database; see MailOutboxRepository.claimDue.
 */
@Injectable()
export class MailOutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('MailOutbox');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;
  private readonly waitingForCommit = new WeakSet<QueryRunner>();

  constructor(
    private readonly outbox: MailOutboxRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfigService,
    dataSource: DataSource,
  ) {
    // Transaction events for wakeAfterCommit; this subscriber listens to no entity events.
    dataSource.subscribers.push(this);
  }

  onApplicationBootstrap(): void {
    if (this.transport.name === 'eml-file' && this.config.isProduction) {
      this.logger.warn(`SMTP_URL is not set: emails are written to ${this.config.mail.dir} and not delivered`);
    }
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Stops the loop and waits (up to SHUTDOWN_WAIT_MS) for the sends in flight to be sent and recorded. Runs before
   * `onApplicationShutdown`, where the database connection closes. A send cut off here stays claimed and is retried
   * by any instance once its claim expires: never lost, at worst sent twice.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.round) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((done) => {
        timer = setTimeout(done, SHUTDOWN_WAIT_MS);
      });
      await Promise.race([this.round, timeout]);
      clearTimeout(timer);
    }
    this.transport.close();
  }

  /** Run a round now (or right after the current one): this process has just enqueued mail. */
  wake(): void {
    if (this.stopped) return;
    if (this.round) this.wakeRequested = true;
    else this.schedule(0);
  }

  /** Wake once the transaction of `queryRunner` commits (the row is invisible to the worker until then). */
  wakeAfterCommit(queryRunner: QueryRunner): void {
    this.waitingForCommit.add(queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (this.waitingForCommit.delete(event.queryRunner)) this.wake();
  }

  afterTransactionRollback(event: TransactionCommitEvent): void {
    this.waitingForCommit.delete(event.queryRunner);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round = this.runRound().finally(() => {
        this.round = undefined;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    let delay = POLL_INTERVAL_MS;
    try {
      const claimed = await this.deliverDue();
      if (claimed === BATCH_SIZE) delay = 0; // probably more waiting
    } catch (error) {
      this.logger.warn(`Outbox poll failed (retrying in ${ERROR_BACKOFF_MS / 1000} s): ${describeSendError(error)}`);
      delay = ERROR_BACKOFF_MS;
    }
    if (this.wakeRequested) {
      this.wakeRequested = false;
      delay = 0;
    }
    if (!this.stopped) this.schedule(delay);
  }

  /** Claims one batch of due messages and delivers it. Returns how many were claimed. */
  async deliverDue(): Promise<number> {
    const now = new Date();
    const messages = await this.outbox.claimDue(BATCH_SIZE, now, new Date(now.getTime() + CLAIM_LEASE_MS));
    await Promise.all(messages.map((message) => this.deliver(message)));
    return messages.length;
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const label = `Email ${message.id} (${message.kind}) to ${maskEmailAddress(message.toAddress)}`;
    try {
      await this.transport.send({
        id: message.id,
        kind: message.kind,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        links: message.links ?? [],
        createdAt: message.createdAt,
      });
    } catch (error) {
      await this.recordFailure(message, label, error);
      return;
    }
    try {
      await this.outbox.markSent(message.id, new Date());
    } catch (error) {
      // Sent but not recorded: the claim expires and it is sent again (same Message-ID). Rare; say so.
      this.logger.error(`${label} was sent but could not be marked sent: ${describeSendError(error)}`);
      return;
    }
    const attempts = message.attempts > 1 ? ` after ${message.attempts} attempts` : '';
    if (this.transport.name === 'smtp') this.logger.log(`${label} sent${attempts}`);
  }

  private async recordFailure(message: OutboxMessage, label: string, error: unknown): Promise<void> {
    const reason = describeSendError(error);
    const maxAttempts = this.config.mail.maxAttempts;
    if (isPermanentFailure(error) || message.attempts >= maxAttempts) {
      await this.outbox.markFailed(message.id, reason);
      const why = isPermanentFailure(error) ? 'rejected permanently' : `failed ${message.attempts} times`;
      this.logger.error(`${label} ${why}; giving up: ${reason}`);
      return;
    }
    const delay = retryDelayMs(message.attempts);
    await this.outbox.scheduleRetry(message.id, new Date(Date.now() + delay), reason);
    this.logger.warn(
      `${label}: attempt ${message.attempts} of ${maxAttempts} failed (${reason}); next in ${formatDelay(delay)}`,
    );
  }
}

function formatDelay(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
