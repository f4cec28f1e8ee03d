import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { actorOf, DomainEventActor } from './domain-events';
import { SecurityEntity, SecurityEvent, SecurityEventType } from './security-events';

/** Publishes security events (security-events.ts) on the app's EventEmitter2, named by their type. */
@Injectable()
export class SecurityEventsService {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  publish<T>(
    type: SecurityEventType,
    actor: Principal | DomainEventActor | null,
    subject: { entity: SecurityEntity; entityId: string | null },
    data: { before?: T | null; after?: T | null; details?: Record<string, unknown> } = {},
  ): SecurityEvent<T> {
    const event: SecurityEvent<T> = {
      type,
      actor: actor === null ? null : 'id' in actor ? actor : actorOf(actor),
      entity: subject.entity,
      entityId: subject.entityId,
      before: data.before ?? null,
      after: data.after ?? null,
      details: data.details ?? null,
      at: this.clock.now().toISOString(),
    };
    this.emitter.emit(type, event);
    return event;
  }
}
