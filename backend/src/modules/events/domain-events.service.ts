import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { actorOf, DomainEntity, DomainEvent, DomainEventType } from './domain-events';

/** Publishes domain events on the app's EventEmitter2, under the event's type as the event name. */
@Injectable()
export class DomainEventsService {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  publish<T>(
    type: DomainEventType,
    principal: Principal,
    entity: DomainEntity,
    entityId: string,
    change: { before: T | null; after: T | null },
  ): DomainEvent<T> {
    const event: DomainEvent<T> = {
      type,
      actor: actorOf(principal),
      entity,
      entityId,
      before: change.before,
      after: change.after,
      at: this.clock.now().toISOString(),
    };
    this.emitter.emit(type, event);
    return event;
  }
}
