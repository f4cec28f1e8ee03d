import { Global, Module } from '@nestjs/common';
import { DomainEventsService } from './domain-events.service';
import { SecurityEventsService } from './security-events.service';

/** Domain events (EventEmitterModule.forRoot() is registered in AppModule) (who changed what, before and after) on one in-process EventEmitter2; see domain-events.ts. */
@Global()
@Module({
  providers: [DomainEventsService, SecurityEventsService],
  exports: [DomainEventsService, SecurityEventsService],
})
export class EventsModule {}
