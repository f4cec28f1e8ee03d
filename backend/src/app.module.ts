import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule, Params } from 'nestjs-pino';
import { buildLoggerParams, createRootLogger } from './bootstrap/logger';
import { ClockModule } from './common/time/clock.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { AccountLinkingModule } from './modules/account-linking/account-linking.module';
import { ApiClientsModule } from './modules/api-clients/api-clients.module';
import { AuditModule } from './modules/audit/audit.module';
import { CustomersModule } from './modules/customers/customers.module';
import { AuthModule } from './modules/auth/auth.module';
import { AuthGuard } from './modules/auth/guards/auth.guard';
import { EventsModule } from './modules/events/events.module';
import { HistoryModule } from './modules/history/history.module';
import { MailModule } from './modules/mail/mail.module';
import { OperatorsModule } from './modules/operators/operators.module';
import { SecurityModule } from './modules/security/security.module';
import { ThrottleGuard } from './modules/security/throttling/throttle.guard';
import { UsersModule } from './modules/users/users.module';

export interface AppModuleOptions {
  /** nestjs-pino settings; built from the config when absent (createApp passes the ones its logger uses). */
  logger?: Params;
  /** Extra modules, for tests only (e.g. a controller that throws on purpose). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(options.logger ?? buildLoggerParams(createRootLogger(config))),
        DatabaseModule,
        ClockModule,
        EventEmitterModule.forRoot(),
        EventsModule,
        HealthModule,
        MailModule,
        AuthModule,
        SecurityModule,
        UsersModule,
        ApiClientsModule,
        OperatorsModule,
        CustomersModule,
        AuditModule,
        HistoryModule,
        AccountLinkingModule,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Secure by default: every route needs a principal unless @Public() (see docs/security.md).
        { provide: APP_GUARD, useExisting: AuthGuard },
        // After the AuthGuard (global guards run in this order): budgets per principal, or per address on public routes.
        { provide: APP_GUARD, useExisting: ThrottleGuard },
      ],
    };
  }
}
