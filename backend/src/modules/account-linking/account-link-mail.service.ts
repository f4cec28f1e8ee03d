import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfigService } from '../../config/app-config.service';
import { maskEmail } from '../customers/pii-masking';
import { MailService } from '../mail/mail.service';
import { renderEmail } from '../mail/render-email';
import { maskName } from './account-link-rules';

/** The SPA page the emailed links open (docs/account-linking-api.md, "Public confirmation"). */
export const LINK_CONFIRM_PATH = '/link/confirm';

/** An account as the emails need it: from the customers table, never from the request. */
export interface MailAccount {
  operatorName: string;
  customerId: string;
  name: string;
  email: string;
}

const formatExpiry = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Whether an address on file can take an email (what MailService.enqueue accepts): an account without one is treated
 * like an account that does not exist — no email, and the same answer to the caller.
 */
export function isMailable(address: string): boolean {
  const to = address.trim();
  return to.length <= 254 && /^[^@\s,;<>]+@[^@\s,;<>]+$/.test(to);
}

/**
 * The two account-linking emails, written to the mail outbox in the caller's transaction (so they exist exactly when
 * the link does) and sent in the background. The token appears in the target's email only, never in logs.
 */
@Injectable()
export class AccountLinkMailService {
  constructor(
    private readonly mail: MailService,
    private readonly config: AppConfigService,
  ) {}

  /** Confirm / "This wasn't me" links for `PUBLIC_URL/link/confirm`. */
  confirmUrls(token: string): { confirm: string; decline: string } {
    const confirm = `${this.config.publicUrl}${LINK_CONFIRM_PATH}?token=${encodeURIComponent(token)}`;
    return { confirm, decline: `${confirm}&action=decline` };
  }

  /**
   * To the target account's address on file: who asks (the source operator, the source holder's initials and masked
   * email), Confirm and "This wasn't me", and when the link expires.
   */
  sendConfirmationRequest(
    manager: EntityManager,
    target: MailAccount,
    source: MailAccount,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    const urls = this.confirmUrls(token);
    const { text, html } = renderEmail({
      heading: 'Is this other account yours too?',
      paragraphs: [
        `Hello ${target.name},`,
        `${source.operatorName} asks to link your ${target.operatorName} account ${target.customerId} with an ` +
          `account they hold for ${maskName(source.name)} (${maskEmail(source.email)}).`,
        `If that account is yours, confirm the link: ${source.operatorName} will then be able to see the purchases, ` +
          `concessions and journeys of your ${target.operatorName} account, until either side removes the link.`,
        'If it is not yours, choose "This wasn\'t me": nothing is shared.',
      ],
      action: { label: 'Confirm the link', url: urls.confirm },
      secondaryAction: { label: "This wasn't me", url: urls.decline },
      footer:
        `The link works once and expires at ${formatExpiry(expiresAt)}. ` +
        `You get this email because an account at ${target.operatorName} has this address on file.`,
    });
    return this.mail.enqueue(
      {
        to: target.email,
        subject: `Confirm linking your ${target.operatorName} account`,
        text,
        html,
        kind: 'account-link-confirm',
        links: [urls.confirm, urls.decline],
      },
      manager,
    );
  }

  /** To the source account's owner: a link was requested; nothing about whether the other account exists. */
  sendRequestNotice(manager: EntityManager, source: MailAccount, targetOperatorName: string): Promise<void> {
    const { text, html } = renderEmail({
      heading: 'A request to link your account',
      paragraphs: [
        `Hello ${source.name},`,
        `A request was made to link your ${source.operatorName} account ${source.customerId} with an account at ` +
          `${targetOperatorName}. If that account is yours, an email to the address it has on file asks you to ` +
          'confirm the link; nothing is shared before that.',
        `If you did not ask for this, contact ${source.operatorName}.`,
      ],
      footer: `You get this email because your ${source.operatorName} account has this address on file.`,
    });
    return this.mail.enqueue(
      { to: source.email, subject: 'A request to link your account', text, html, kind: 'account-link-notice' },
      manager,
    );
  }
}
