import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Clock } from '../../common/time/clock';
import { registerAuditHooks } from './audit-http';
import { AuditWriter } from './audit-writer.service';

/**
 * Installs the request hooks on the app's Fastify instance when the module starts (before the server is ready, so
 * they apply to every route, the not-found handler included). Nothing to do without an HTTP server or with
 * AUDIT_ENABLED=false.
 */
@Injectable()
export class AuditHttpHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || !this.writer.enabled) return;
    registerAuditHooks(
      fastify,
      (entry) => this.writer.record(entry),
      () => this.clock.now(),
    );
  }
}
