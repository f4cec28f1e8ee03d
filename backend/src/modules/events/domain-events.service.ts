import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import {
  AccountLinkEvent,
  actorOf,
  ChangeEventType,
  CustomerAccessedEvent,
  DomainEntity,
  DomainEvent,
} from './domain-events';

/** Publishes domain events (changes, customer reads) on the app's EventEmitter2, named by the event's type. */
@Injectable()
export class DomainEventsService {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** A change to stored data (after its transaction committed). */
  publish<T>(
    type: ChangeEventType,
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

  /** A read of customer data (`customer.accessed`). */
  publishCustomerAccess(
    principal: Principal,
    access: Omit<CustomerAccessedEvent, 'type' | 'actor' | 'at'>,
  ): CustomerAccessedEvent {
    const event: CustomerAccessedEvent = {
      type: 'customer.accessed',
      actor: actorOf(principal),
      ...access,
      at: this.clock.now().toISOString(),
    };
    this.emitter.emit(event.type, event);
    return event;
  }

  /** A step of an account link (`account-link.*`); never with a token. */
  publishAccountLink(step: Omit<AccountLinkEvent, 'at'>): AccountLinkEvent {
    const event: AccountLinkEvent = { ...step, at: this.clock.now().toISOString() };
    this.emitter.emit(event.type, event);
    return event;
  }
}
