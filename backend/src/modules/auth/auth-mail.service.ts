import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfigService } from '../../config/app-config.service';
import { MailService } from '../mail/mail.service';
import { EmailContent, renderEmail } from '../mail/render-email';

interface Recipient {
  email: string;
  displayName: string;
}

/** SPA routes that emailed links open (docs/auth-api.md, "Emailed links"). */
export const EMAIL_LINK_PATHS = {
  verifyEmail: '/verify-email',
  resetPassword: '/reset-password',
  acceptInvitation: '/accept-invitation',
  forgotPassword: '/forgot-password',
  login: '/login',
} as const;

/**
 * The account emails. Each is written to the mail outbox (in the caller's transaction when one is given) and sent
 * asynchronously. Links are built from PUBLIC_URL; tokens appear only in the emails, never in logs.
 */
@Injectable()
export class AuthMailService {
  constructor(
    private readonly mail: MailService,
    private readonly config: AppConfigService,
  ) {}

  sendVerification(to: Recipient, token: string, manager?: EntityManager): Promise<void> {
    const url = this.link(EMAIL_LINK_PATHS.verifyEmail, token);
    return this.send(to, 'verify-email', 'Verify your email address', manager, {
      heading: 'Confirm your email address',
      paragraphs: [`Hello ${to.displayName},`, 'Please confirm that this is your email address to finish signing up.'],
      action: { label: 'Verify my email address', url },
      footer: 'The link works once and expires in 24 hours. If you did not sign up, ignore this email.',
    });
  }

  sendAccountExists(to: Recipient, manager?: EntityManager): Promise<void> {
    return this.send(to, 'account-exists', 'Someone tried to sign up with your email address', manager, {
      heading: 'You already have an account',
      paragraphs: [
        `Hello ${to.displayName},`,
        'Someone (perhaps you) tried to create a new account with this email address, which already has one. ' +
          'No new account was created and nothing about your account changed.',
        'If you forgot your password, you can choose a new one.',
      ],
      action: { label: 'Reset my password', url: `${this.config.publicUrl}${EMAIL_LINK_PATHS.forgotPassword}` },
      footer: 'If this was not you, you can ignore this email.',
    });
  }

  sendInvitation(to: Recipient, token: string, manager?: EntityManager): Promise<void> {
    const url = this.link(EMAIL_LINK_PATHS.acceptInvitation, token);
    return this.send(to, 'invitation', 'You are invited to Open Transport Hub', manager, {
      heading: 'You have been invited',
      paragraphs: [
        `Hello ${to.displayName},`,
        'An administrator created an Open Transport Hub account for you. Choose a password to start using it.',
      ],
      action: { label: 'Choose my password', url },
      footer: 'The link works once and expires in 72 hours.',
    });
  }

  sendPasswordReset(to: Recipient, token: string, manager?: EntityManager): Promise<void> {
    const url = this.link(EMAIL_LINK_PATHS.resetPassword, token);
    return this.send(to, 'password-reset', 'Reset your password', manager, {
      heading: 'Choose a new password',
      paragraphs: [
        `Hello ${to.displayName},`,
        'Someone (hopefully you) asked to reset the password of your account. Choosing a new password signs you ' +
          'out everywhere.',
      ],
      action: { label: 'Choose a new password', url },
      footer: 'The link works once and expires in 30 minutes. If you did not ask for it, ignore this email.',
    });
  }

  sendAccountLocked(to: Recipient, lockMinutes: number): Promise<void> {
    return this.send(to, 'account-locked', 'Sign-in to your account was blocked', undefined, {
      heading: 'Too many failed sign-in attempts',
      paragraphs: [
        `Hello ${to.displayName},`,
        `Someone tried to sign in to your account with a wrong password several times, so sign-in is blocked for ` +
          `${lockMinutes} minutes. If that was you, wait and try again.`,
        'If it was not you, your password still protects your account; consider choosing a longer one.',
      ],
      action: { label: 'Reset my password', url: `${this.config.publicUrl}${EMAIL_LINK_PATHS.forgotPassword}` },
      footer: 'You get this email once per block.',
    });
  }

  private link(path: string, token: string): string {
    return `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  private send(
    to: Recipient,
    kind: string,
    subject: string,
    manager: EntityManager | undefined,
    content: EmailContent,
  ): Promise<void> {
    const { text, html } = renderEmail(content);
    const links = [content.action?.url].filter((u): u is string => !!u);
    return this.mail.enqueue({ to: to.email, subject, text, html, kind, links }, manager);
  }
}
