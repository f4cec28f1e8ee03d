import { Module } from '@nestjs/common';
import { IpAllowsController, IpBlocksController } from './ip-rules/ip-rules.controller';
import { AutoBanService } from './ip-rules/auto-ban.service';
import { IpRulesCache } from './ip-rules/ip-rules-cache';
import { IpRulesHousekeepingService } from './ip-rules/ip-rules-housekeeping.service';
import { IpRulesService } from './ip-rules/ip-rules.service';
import { IpRuleEventsPublisher } from './ip-rule-events';
import { SecurityRedis } from './security-redis';
import { MemoryRateLimitStore } from './throttling/memory-rate-limit-store';
import { QuotaController } from './throttling/quota.controller';
import { RATE_LIMIT_STORE, RateLimitStore } from './throttling/rate-limit-store';
import { RedisRateLimitStore } from './throttling/redis-rate-limit-store';
import { ThrottleGuard } from './throttling/throttle.guard';
import { ThrottleService } from './throttling/throttle.service';

/**
 * Throttling (request budgets per caller, ThrottleGuard) and the IP blocklist (admin API, automatic bans, the
 * request hook). AppModule registers ThrottleGuard as the APP_GUARD after the AuthGuard; createApp calls
 * registerSecurityHooks(). See docs/security.md, "Throttling and IP blocklist".
 */
@Module({
  controllers: [QuotaController, IpBlocksController, IpAllowsController],
  providers: [
    SecurityRedis,
    {
      provide: RATE_LIMIT_STORE,
      inject: [SecurityRedis],
      useFactory: (redis: SecurityRedis): RateLimitStore =>
        redis.commands
          ? new RedisRateLimitStore(redis.commands, new MemoryRateLimitStore())
          : new MemoryRateLimitStore(),
    },
    ThrottleService,
    ThrottleGuard,
    IpRuleEventsPublisher,
    IpRulesCache,
    IpRulesService,
    AutoBanService,
    IpRulesHousekeepingService,
  ],
  exports: [ThrottleGuard, ThrottleService, IpRulesCache, AutoBanService, RATE_LIMIT_STORE],
})
export class SecurityModule {}
