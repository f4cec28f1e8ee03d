import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { UserPrincipal } from '../../../common/auth/principal';
import { Clock } from '../../../common/time/clock';
import { SecurityErrors } from '../security.errors';
import { AutoBanTrigger, IpRuleEventsPublisher } from '../ip-rule-events';
import { CreateIpRuleDto, IpAllowDto, IpBlockDto } from './dto/ip-rule.dto';
import { IpAllow } from './entities/ip-allow.entity';
import { IpBlock } from './entities/ip-block.entity';
import { IpRangeError, parseIpAddress, parseIpRange, rangeContains } from './ip-range';
import { IpRulesCache } from './ip-rules-cache';

function toAllowDto(row: Omit<IpAllow, 'assignId'>): IpAllowDto {
  return {
    id: row.id,
    range: row.range,
    reason: row.reason,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdBy: row.createdBy
      ? { id: row.createdBy.id, email: row.createdBy.email, displayName: row.createdBy.displayName }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toBlockDto(row: IpBlock): IpBlockDto {
  return { ...toAllowDto(row), auto: row.auto };
}

/**
 * The IP block and allow lists: admins' reads and writes (docs/throttling-api.md), automatic bans, and the purge of
 * expired entries. Every change reloads the IpRulesCache of this instance before returning and announces itself to
 * the others, then publishes an event for the audit log.
 */
@Injectable()
export class IpRulesService {
  private readonly logger = new Logger(IpRulesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cache: IpRulesCache,
    private readonly events: IpRuleEventsPublisher,
  ) {}

  /** Blocks in force (manual and automatic), newest first. */
  async listBlocks(): Promise<IpBlockDto[]> {
    const rows = await this.dataSource.getRepository(IpBlock).find({
      where: this.live(),
      relations: { createdBy: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toBlockDto);
  }

  /** Allowlist entries in force, newest first. */
  async listAllows(): Promise<IpAllowDto[]> {
    const rows = await this.dataSource.getRepository(IpAllow).find({
      where: this.live(),
      relations: { createdBy: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toAllowDto);
  }

  /**
   * Blocks a range. Refused: an invalid range (INVALID_IP_RANGE), an expiry not in the future, a range holding the
   * admin's own address (IP_BLOCK_SELF), a range already blocked by hand (IP_BLOCK_EXISTS). An automatic ban of the
   * same range is replaced: the admin's block (with its own expiry, or none) takes over.
   */
  async createBlock(dto: CreateIpRuleDto, admin: UserPrincipal, adminIp: string): Promise<IpBlockDto> {
    const { range, expiresAt } = this.checkInput(dto);
    const own = parseIpAddress(adminIp);
    if (own && rangeContains(parseIpRange(range), own)) throw SecurityErrors.blockSelf(range);
    const id = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.getRepository(IpBlock).find({ where: this.live({ range }) });
      if (existing.some((row) => !row.auto)) throw SecurityErrors.blockExists(range);
      if (existing.length > 0) await manager.getRepository(IpBlock).delete({ id: In(existing.map((row) => row.id)) });
      return this.insertBlock(manager, {
        range,
        reason: dto.reason,
        expiresAt,
        createdById: admin.user.id,
        auto: false,
      });
    });
    await this.cache.changed();
    const block = await this.findBlock(id);
    this.events.blockCreated(admin, block);
    this.logger.log({ ipBlockId: id, range, by: admin.user.id }, 'IP range blocked');
    return block;
  }

  async deleteBlock(id: string, admin: UserPrincipal): Promise<void> {
    const row = await this.dataSource.getRepository(IpBlock).findOne({ where: { id }, relations: { createdBy: true } });
    if (!row) throw SecurityErrors.blockNotFound();
    const block = toBlockDto(row);
    await this.dataSource.getRepository(IpBlock).delete({ id });
    await this.cache.changed();
    this.events.blockDeleted(admin, block);
    this.logger.log({ ipBlockId: id, range: block.range, by: admin.user.id }, 'IP block removed');
  }

  /** Adds a range to the allowlist. Refused: an invalid range, a past expiry, a range already on it. */
  async createAllow(dto: CreateIpRuleDto, admin: UserPrincipal): Promise<IpAllowDto> {
    const { range, expiresAt } = this.checkInput(dto);
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(IpAllow).exists({ where: this.live({ range }) })) {
        throw SecurityErrors.allowExists(range);
      }
      const row = manager.getRepository(IpAllow).create({
        range,
        reason: dto.reason,
        expiresAt,
        createdById: admin.user.id,
        createdAt: this.clock.now(),
      });
      await manager.getRepository(IpAllow).insert(row);
      return row.id;
    });
    await this.cache.changed();
    const allow = await this.findAllow(id);
    this.events.allowCreated(admin, allow);
    this.logger.log({ ipAllowId: id, range, by: admin.user.id }, 'IP range allowlisted');
    return allow;
  }

  async deleteAllow(id: string, admin: UserPrincipal): Promise<void> {
    const row = await this.dataSource.getRepository(IpAllow).findOne({ where: { id }, relations: { createdBy: true } });
    if (!row) throw SecurityErrors.allowNotFound();
    const allow = toAllowDto(row);
    await this.dataSource.getRepository(IpAllow).delete({ id });
    await this.cache.changed();
    this.events.allowDeleted(admin, allow);
    this.logger.log({ ipAllowId: id, range: allow.range, by: admin.user.id }, 'IP allowlist entry removed');
  }

  /** An automatic, temporary ban of `range` (an address, or an IPv6 /64). */
  async autoBan(range: string, trigger: AutoBanTrigger, durationSeconds: number): Promise<IpBlockDto> {
    const now = this.clock.now();
    const reason = `Automatic: ${trigger.count} ${TRIGGER_WORDS[trigger.kind]} within ${minutes(trigger.windowSeconds)}`;
    const id = await this.insertBlock(this.dataSource.manager, {
      range,
      reason,
      expiresAt: new Date(now.getTime() + durationSeconds * 1000),
      createdById: null,
      auto: true,
    });
    await this.cache.changed();
    const block = await this.findBlock(id);
    this.events.autoBanned(block, trigger);
    this.logger.warn({ ipBlockId: id, range, trigger }, 'IP address banned automatically');
    return block;
  }

  /** Deletes entries whose expiry has passed (they stopped applying then already). Returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = LessThanOrEqual(this.clock.now());
    const blocks = await this.dataSource.getRepository(IpBlock).delete({ expiresAt: cutoff });
    const allows = await this.dataSource.getRepository(IpAllow).delete({ expiresAt: cutoff });
    return (blocks.affected ?? 0) + (allows.affected ?? 0);
  }

  private checkInput(dto: CreateIpRuleDto): { range: string; expiresAt: Date | null } {
    let range: string;
    try {
      range = parseIpRange(dto.range).text;
    } catch (err) {
      if (err instanceof IpRangeError) throw SecurityErrors.invalidRange(err.message);
      throw err;
    }
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) throw SecurityErrors.expiryInPast();
    return { range, expiresAt };
  }

  /** Rows in force: no expiry, or one still ahead. */
  private live<T extends object>(where?: T) {
    return [
      { ...where, expiresAt: IsNull() },
      { ...where, expiresAt: MoreThan(this.clock.now()) },
    ];
  }

  private async insertBlock(
    manager: EntityManager,
    values: Pick<IpBlock, 'range' | 'reason' | 'expiresAt' | 'createdById' | 'auto'>,
  ): Promise<string> {
    const row = manager.getRepository(IpBlock).create({ ...values, createdAt: this.clock.now() });
    await manager.getRepository(IpBlock).insert(row);
    return row.id;
  }

  private async findBlock(id: string): Promise<IpBlockDto> {
    const row = await this.dataSource
      .getRepository(IpBlock)
      .findOneOrFail({ where: { id }, relations: { createdBy: true } });
    return toBlockDto(row);
  }

  private async findAllow(id: string): Promise<IpAllowDto> {
    const row = await this.dataSource
      .getRepository(IpAllow)
      .findOneOrFail({ where: { id }, relations: { createdBy: true } });
    return toAllowDto(row);
  }
}

const TRIGGER_WORDS: Record<AutoBanTrigger['kind'], string> = {
  'failed-logins': 'failed sign-ins',
  'throttle-refusals': 'refused requests (429)',
  'invalid-tokens': 'requests with missing or invalid credentials (401)',
};

function minutes(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}
