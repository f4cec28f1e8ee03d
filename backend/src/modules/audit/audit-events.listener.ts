import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { storage } from 'nestjs-pino/storage';
import { RequestLogContext } from '../../bootstrap/logger';
import { Clock } from '../../common/time/clock';
import { eventEntry } from './audit-events';
import { AuditWriter } from './audit-writer.service';

/** The id of the request being handled, from the request context the access log keeps (null outside a request). */
export function currentRequestId(): string | null {
  const store: unknown = storage.getStore();
  return store instanceof RequestLogContext ? store.requestId : null;
}

/**
 * Stores every domain event the modules publish on the app's EventEmitter2 (`onAny`: events added later are stored
 * without changes here). Events are emitted synchronously by the publisher, so the listener runs inside the request
 * that caused the event and records its id. It listens until the application has shut down: requests still in flight
 * when the server closes finish afterwards, and their events are recorded too.
 */
@Injectable()
export class AuditEventsListener implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly writer: AuditWriter,
    private readonly clock: Clock,
  ) {}

  private readonly logger = new Logger(AuditEventsListener.name);

  /** Runs inside the publisher's emit(): whatever happens here must never reach the module that published. */
  private readonly listener = (name: string | string[], payload: unknown): void => {
    try {
      const entry = eventEntry(name, payload, currentRequestId(), this.clock.now());
      if (entry) this.writer.record(entry);
    } catch (error) {
      this.logger.error({ err: { message: (error as Error).message }, event: String(name) }, 'Cannot record an event');
    }
  };

  onModuleInit(): void {
    if (this.writer.enabled) this.emitter.onAny(this.listener);
  }

  onApplicationShutdown(): void {
    this.emitter.offAny(this.listener);
  }
}
