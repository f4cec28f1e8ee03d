import { Module } from '@nestjs/common';
import { AuditEventsListener } from './audit-events.listener';
import { AuditHttpHooks } from './audit-http-hooks.service';
import { AuditRetentionService } from './audit-retention.service';
import { AuditWriter } from './audit-writer.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/**
 * The audit log: every API request (Fastify hooks) and every domain event (EventEmitter2), appended by one writer to
 * a hash chain in `audit_records`, with a spool for database outages, retention, and the admin API.
 * See docs/security.md ("Audit log") and docs/audit-api.md.
 */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditWriter, AuditEventsListener, AuditHttpHooks, AuditRetentionService, AuditService],
  exports: [AuditWriter],
})
export class AuditModule {}
