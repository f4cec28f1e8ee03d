import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../../../src/common/time/clock';
import { AccountLink } from '../../../../src/modules/account-linking/entities/account-link.entity';
import { Customer } from '../../../../src/modules/customers/entities/customer.entity';
import { AnyDomainEvent, DOMAIN_EVENT_TYPES } from '../../../../src/modules/events/domain-events';
import { OutboxMessage } from '../../../../src/modules/mail/entities/outbox-message.entity';
import type { CapturedMail, SmtpCapture } from '../../../support/smtp-capture';
import type { TestApp } from '../../../support/test-app';
import { signIn, SignedIn, tokenOf } from '../../auth/support/auth-fixtures';
import {
  createCustomerWorld,
  customerApiKey,
  CustomerWorld,
  insertCustomer,
} from '../../customers/support/customer-fixtures';
import { createOperator, deleteOperators } from '../../operators/support/operator-fixtures';

/**
 * The customers' world (hosted operators A and B, their staff and read clients, one customer each) plus what account
 * linking needs: a third hosted operator C with its own staff and clients (the "other operator" that must be refused
 * everywhere), and `account-linking:write` clients for A, B and C.
 */
export interface LinkWorld extends CustomerWorld {
  c: string;
  userC: SignedIn;
  /** account-linking:write clients, bound to A, B, C. */
  writeA: Record<string, string>;
  writeB: Record<string, string>;
  writeC: Record<string, string>;
  /** customer-account:read client of C. */
  clientC: Record<string, string>;
}

export async function createLinkWorld(t: TestApp): Promise<LinkWorld> {
  const w = await createCustomerWorld(t);
  const c = (await createOperator(t, w.admin.headers, { accountsHosted: true, modeIds: ['007'] })).id;
  const world: LinkWorld = {
    ...w,
    c,
    userC: await signIn(t, { role: 'operator', operatorId: c }),
    writeA: await customerApiKey(t, w.admin, ['account-linking:write'], w.a),
    writeB: await customerApiKey(t, w.admin, ['account-linking:write'], w.b),
    writeC: await customerApiKey(t, w.admin, ['account-linking:write'], c),
    clientC: await customerApiKey(t, w.admin, ['customer-account:read'], c),
    async cleanup() {
      await t.app
        .get(DataSource)
        .getRepository(Customer)
        .delete({ operatorId: In([c]) });
      await w.cleanup();
      await deleteOperators(t, w.admin.headers, [c]);
    },
  };
  return world;
}

export interface End {
  operatorId: string;
  customerId: string;
}

export const endOf = (customer: Customer): End => ({
  operatorId: customer.operatorId,
  customerId: customer.customerId,
});

export function requestLink(
  t: TestApp,
  headers: Record<string, string>,
  source: End,
  target: End,
): Promise<InjectResponse> {
  return t.inject({ method: 'POST', url: '/api/v1/account-links', headers, payload: { source, target } });
}

/** POSTs a link request that must succeed, and returns its id. */
export async function requestedLink(
  t: TestApp,
  headers: Record<string, string>,
  source: End,
  target: End,
): Promise<string> {
  const res = await requestLink(t, headers, source, target);
  if (res.statusCode !== 202) throw new Error(`link request failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export const CONFIRM_SUBJECT = /^Confirm linking your /;
export const NOTICE_SUBJECT = 'A request to link your account';

/** The confirmation email to `to` (the n-th one, oldest first), with its token and both links. */
export async function confirmationMail(
  capture: SmtpCapture,
  to: string,
  nth = 1,
): Promise<{ mail: CapturedMail; token: string; confirmUrl: string; declineUrl: string }> {
  let mails: CapturedMail[] = [];
  const deadline = Date.now() + 5000;
  for (;;) {
    mails = capture.messages.filter((m) => m.to.includes(to.toLowerCase()) && CONFIRM_SUBJECT.test(m.subject));
    if (mails.length >= nth || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (mails.length < nth) throw new Error(`no confirmation email #${nth} to ${to} (got ${mails.length})`);
  const mail = mails[nth - 1];
  const [confirmUrl, declineUrl] = mail.links;
  return { mail, token: tokenOf(confirmUrl), confirmUrl, declineUrl };
}

export const preview = (t: TestApp, token: string) =>
  t.inject({ method: 'GET', url: `/api/v1/account-links/preview?token=${encodeURIComponent(token)}` });
export const confirm = (t: TestApp, token: unknown) =>
  t.inject({ method: 'POST', url: '/api/v1/account-links/confirm', payload: { token } });
export const decline = (t: TestApp, token: unknown) =>
  t.inject({ method: 'POST', url: '/api/v1/account-links/decline', payload: { token } });

export const codeOf = (res: InjectResponse) => `${res.statusCode} ${res.json<{ code?: string }>().code ?? 'ok'}`;

/** Every domain event the app publishes from now on, until `stop()`. */
export function recordEvents(t: TestApp): { events: AnyDomainEvent[]; stop(): void } {
  const emitter = t.app.get(EventEmitter2);
  const events: AnyDomainEvent[] = [];
  const listeners = DOMAIN_EVENT_TYPES.map((type) => {
    const listener = (event: AnyDomainEvent) => events.push(event);
    emitter.on(type, listener);
    return () => emitter.off(type, listener);
  });
  return { events, stop: () => listeners.forEach((off) => off()) };
}

/** The stored link row (tests only: to check what the database holds). */
export const linkRow = (t: TestApp, id: string) =>
  t.app.get(DataSource).getRepository(AccountLink).findOneByOrFail({ id });

export const outboxTo = (t: TestApp, to: string) =>
  t.app.get(DataSource).getRepository(OutboxMessage).findBy({ toAddress: to });

/** Moves the app's clock (token expiry, cooldowns) to `at`; `restore()` goes back to real time. */
export function setClock(t: TestApp, at: Date): { restore(): void } {
  const spy = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(at.getTime()));
  return { restore: () => spy.mockRestore() };
}

/** A fresh customer of `operatorId` (unique id and email unless given). */
export const newCustomer = (t: TestApp, operatorId: string, overrides: Partial<Customer> = {}) =>
  insertCustomer(t, operatorId, overrides);
