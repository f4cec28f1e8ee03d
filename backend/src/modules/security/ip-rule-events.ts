import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { actorOf, DomainEventActor } from '../events/domain-events';
import type { IpAllowDto, IpBlockDto } from './ip-rules/dto/ip-rule.dto';

/**
 * Events of the IP block and allow lists, for the audit log, in the shape of the other domain events (type, actor, entity,
 * entityId, before, after, at):
 *
 * | type                    | when                                   | actor                 | before / after      |
 * | ----------------------- | -------------------------------------- | --------------------- | ------------------- |
 * | `ip-block.created`      | an admin blocked a range               | the admin             | null / IpBlockDto   |
 * | `ip-block.deleted`      | an admin removed a block               | the admin             | IpBlockDto / null   |
 * | `ip-block.auto-banned`  | a threshold was reached: automatic ban | `{ kind: 'system' }`  | null / IpBlockDto   |
 * | `ip-allow.created`      | an admin added an allowlist entry      | the admin             | null / IpAllowDto   |
 * | `ip-allow.deleted`      | an admin removed one                   | the admin             | IpAllowDto / null   |
 *
 * `ip-block.auto-banned` also says why (`trigger`: which counter, how many in which window).
 */
export type IpRuleEventType =
  'ip-block.created' | 'ip-block.deleted' | 'ip-block.auto-banned' | 'ip-allow.created' | 'ip-allow.deleted';

export const IP_RULE_EVENT_TYPES: readonly IpRuleEventType[] = [
  'ip-block.created',
  'ip-block.deleted',
  'ip-block.auto-banned',
  'ip-allow.created',
  'ip-allow.deleted',
];

/** The counter that led to an automatic ban. */
export interface AutoBanTrigger {
  kind: 'failed-logins' | 'throttle-refusals' | 'invalid-tokens';
  count: number;
  windowSeconds: number;
}

/** The actor of automatic bans. */
export type SystemActor = { kind: 'system'; id: null; role: null };

export interface IpRuleEvent {
  type: IpRuleEventType;
  actor: DomainEventActor | SystemActor;
  entity: 'ip-block' | 'ip-allow';
  entityId: string;
  before: IpBlockDto | IpAllowDto | null;
  after: IpBlockDto | IpAllowDto | null;
  /** `ip-block.auto-banned` only. */
  trigger?: AutoBanTrigger;
  /** ISO 8601 UTC. */
  at: string;
}

const SYSTEM: SystemActor = { kind: 'system', id: null, role: null };

/** Publishes the security module's events on the app's EventEmitter2, named by their type. */
@Injectable()
export class IpRuleEventsPublisher {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  blockCreated(principal: Principal, block: IpBlockDto): IpRuleEvent {
    return this.emit('ip-block.created', actorOf(principal), 'ip-block', block.id, null, block);
  }

  blockDeleted(principal: Principal, block: IpBlockDto): IpRuleEvent {
    return this.emit('ip-block.deleted', actorOf(principal), 'ip-block', block.id, block, null);
  }

  autoBanned(block: IpBlockDto, trigger: AutoBanTrigger): IpRuleEvent {
    return this.emit('ip-block.auto-banned', SYSTEM, 'ip-block', block.id, null, block, trigger);
  }

  allowCreated(principal: Principal, allow: IpAllowDto): IpRuleEvent {
    return this.emit('ip-allow.created', actorOf(principal), 'ip-allow', allow.id, null, allow);
  }

  allowDeleted(principal: Principal, allow: IpAllowDto): IpRuleEvent {
    return this.emit('ip-allow.deleted', actorOf(principal), 'ip-allow', allow.id, allow, null);
  }

  private emit(
    type: IpRuleEventType,
    actor: IpRuleEvent['actor'],
    entity: IpRuleEvent['entity'],
    entityId: string,
    before: IpRuleEvent['before'],
    after: IpRuleEvent['after'],
    trigger?: AutoBanTrigger,
  ): IpRuleEvent {
    const event: IpRuleEvent = {
      type,
      actor,
      entity,
      entityId,
      before,
      after,
      ...(trigger ? { trigger } : {}),
      at: this.clock.now().toISOString(),
    };
    this.emitter.emit(type, event);
    return event;
  }
}
