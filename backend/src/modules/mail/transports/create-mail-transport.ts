import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../../../config/app-config';
import { EmlFileMailTransport } from './eml-file.transport';
import type { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp.transport';

/** SMTP when SMTP_URL is set, otherwise .eml files in MAIL_DIR (links logged in development only). */
export function createMailTransport(config: Pick<AppConfig, 'mail' | 'nodeEnv'>, logger: LoggerService): MailTransport {
  const { smtpUrl, from, dir } = config.mail;
  if (smtpUrl) return new SmtpMailTransport(smtpUrl, from, logger);
  return new EmlFileMailTransport({ dir, from, logLinks: config.nodeEnv === 'development' }, logger);
}
