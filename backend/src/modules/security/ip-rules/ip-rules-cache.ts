import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Clock } from '../../../common/time/clock';
import { AppConfigService } from '../../../config/app-config.service';
import { SecurityRedis } from '../security-redis';
import { IpAllow } from './entities/ip-allow.entity';
import { IpBlock } from './entities/ip-block.entity';
import { IpRuleEntry, IpRuleSet } from './ip-rule-set';

/** Pub/sub channel on which an instance announces that it changed the IP rules (the message: its instance id). */
export const IP_RULES_CHANNEL = 'oth:ip-rules';
/** With Redis, a reload every minute as well: the safety net should an announcement be lost. */
export const IP_RULES_SAFETY_RELOAD_MS = 60_000;

/**
 * The block and allow lists of this process, compiled for the request hook (`isBlocked` runs before anything else
 * on every request, so it never does I/O: an empty list is one boolean test; otherwise hash lookups, see IpMatcher).
 *
 * Kept right:
 * - after a change through this instance: reloaded from the database at once (`changed()`), before the admin's call
 *   returns;
 * - other instances: with REDIS_URL, `changed()` publishes on IP_RULES_CHANNEL and every instance reloads on the
 *   message (milliseconds), and again every minute in case a message was lost; without Redis, every
 *   IP_RULES_RELOAD_SECONDS (default 5): **a change made through another instance applies here within that bound**;
 * - expiry: a rule stops applying the moment it expires (the compiled set knows its earliest expiry and recompiles
 *   without the database), whatever the reload schedule.
 * A failed reload keeps the last good lists and is retried at the next tick.
 */
@Injectable()
export class IpRulesCache implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IpRulesCache.name);
  private readonly instanceId = randomUUID();
  private rules = IpRuleSet.EMPTY;
  private timer?: NodeJS.Timeout;
  private loading?: Promise<void>;
  private queued?: Promise<void>;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
    private readonly redis: SecurityRedis,
  ) {
    const subscriber = redis.subscriber;
    if (subscriber) {
      subscriber.on('ready', () => void this.subscribe());
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === IP_RULES_CHANNEL && message !== this.instanceId && this.started) void this.reloadQuietly();
      });
      // The connection is made by SecurityRedis and may be up already (other providers did I/O in between).
      if (subscriber.status === 'ready') void this.subscribe();
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await this.reloadQuietly();
    const every = this.redis.subscriber ? IP_RULES_SAFETY_RELOAD_MS : this.config.ipRulesReloadSeconds * 1000;
    this.timer = setInterval(() => void this.reloadQuietly(), every);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    await this.queued;
    await this.loading;
  }

  /** Whether requests from `ip` (`request.ip`) are refused. No I/O. */
  isBlocked(ip: string): boolean {
    let rules = this.rules;
    if (rules.empty) return false;
    const now = this.clock.now().getTime();
    if (now >= rules.validUntil) this.rules = rules = rules.at(now);
    return rules.isBlocked(ip);
  }

  /** Until when `ip` is refused (epoch ms; Infinity: until removed), or null when it is not. No I/O. */
  blockedUntil(ip: string): number | null {
    let rules = this.rules;
    if (rules.empty) return null;
    const now = this.clock.now().getTime();
    if (now >= rules.validUntil) this.rules = rules = rules.at(now);
    return rules.blockedUntil(ip);
  }

  /** Whether `ip` is on the allowlist (never banned automatically). No I/O. */
  isAllowed(ip: string): boolean {
    let rules = this.rules;
    const now = this.clock.now().getTime();
    if (now >= rules.validUntil) this.rules = rules = rules.at(now);
    return rules.isAllowed(ip);
  }

  /** After a change through this instance: reloads here, then tells the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    const commands = this.redis.commands;
    if (!commands) return;
    try {
      await commands.publish(IP_RULES_CHANNEL, this.instanceId);
    } catch (err) {
      this.logger.warn(
        { err: { message: (err as Error).message } },
        'Could not announce an IP rule change; other instances pick it up at their next reload',
      );
    }
  }

  /**
   * Loads the lists from the database. A call while a load is running waits for that one and then loads again (one
   * more load for all such callers), so a caller always sees the database as it was when it called.
   */
  reload(): Promise<void> {
    if (this.loading) {
      this.queued ??= this.loading.then(
        () => this.runQueued(),
        () => this.runQueued(),
      );
      return this.queued;
    }
    this.loading = this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private runQueued(): Promise<void> {
    this.queued = undefined;
    return this.reload();
  }

  private async reloadQuietly(): Promise<void> {
    try {
      await this.reload();
    } catch (err) {
      this.logger.error({ err: { message: (err as Error).message } }, 'Could not load the IP rules; keeping the last');
    }
  }

  private async load(): Promise<void> {
    const now = this.clock.now();
    const live = [{ expiresAt: IsNull() }, { expiresAt: MoreThan(now) }];
    const [blocks, allows] = await Promise.all([
      this.dataSource
        .getRepository(IpBlock)
        .find({ select: { range: true, expiresAt: true, auto: true }, where: live }),
      this.dataSource.getRepository(IpAllow).find({ select: { range: true, expiresAt: true }, where: live }),
    ]);
    const entry = (row: { range: string; expiresAt: Date | null }): IpRuleEntry => ({
      range: row.range,
      expiresAt: row.expiresAt?.getTime() ?? null,
    });
    this.rules = new IpRuleSet(
      {
        manualBlocks: blocks.filter((b) => !b.auto).map(entry),
        autoBlocks: blocks.filter((b) => b.auto).map(entry),
        allows: allows.map(entry),
      },
      this.clock.now().getTime(),
    );
  }

  private async subscribe(): Promise<void> {
    try {
      await this.redis.subscriber!.subscribe(IP_RULES_CHANNEL);
      // Announcements missed while the subscription was down: load again.
      if (this.started) await this.reloadQuietly();
    } catch (err) {
      this.logger.warn({ err: { message: (err as Error).message } }, 'Could not subscribe to IP rule changes');
    }
  }
}
