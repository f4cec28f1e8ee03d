import { Global, Logger, Module } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxWorker } from './mail-outbox.worker';
import { MailService } from './mail.service';
import { createMailTransport } from './transports/create-mail-transport';
import { MAIL_TRANSPORT } from './transports/mail-transport';

/**
 * Outgoing email: `MailService.enqueue` writes to the `mail_outbox` table, `MailOutboxWorker` delivers over SMTP
 * (SMTP_URL) or into .eml files (MAIL_DIR). Global: any feature module can inject MailService. See docs/mail.md.
 */
@Global()
@Module({
  providers: [
    MailService,
    MailOutboxRepository,
    MailOutboxWorker,
    {
      provide: MAIL_TRANSPORT,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => createMailTransport(config, new Logger('Mail')),
    },
  ],
  exports: [MailService],
})
export class MailModule {}
