import { DataSource } from 'typeorm';
import { AccountLinksRepository } from '../../../src/modules/account-linking/account-links.repository';
import { AccountLink } from '../../../src/modules/account-linking/entities/account-link.entity';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import {
  codeOf,
  confirm,
  confirmationMail,
  createLinkWorld,
  decline,
  endOf,
  linkRow,
  LinkWorld,
  newCustomer,
  requestedLink,
  requestLink,
  setClock,
} from './support/link-fixtures';

/**
 * Holds every caller of `findByTokenHash` until `n` of them have read the link, so that all of them see it pending
 * and reach the conditional UPDATE together (without it, SQLite's one-statement-at-a-time execution often lets the
 * first request finish before the others read).
 */
function readBarrier(repository: AccountLinksRepository, n: number): { restore(): void } {
  const original = repository.findByTokenHash.bind(repository);
  let arrived = 0;
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  const spy = jest.spyOn(repository, 'findByTokenHash').mockImplementation(async (hash) => {
    const link = await original(hash);
    if (++arrived === n) release();
    await allRead;
    return link;
  });
  return { restore: () => spy.mockRestore() };
}

/** Counts answers by "status code". */
const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {});

/**
 * Races on one link, all requests in flight at once (on PostgreSQL each on its own pooled connection): exactly one
 * confirmation wins, one request per pair is stored, one resend per cooldown goes out.
 */
describe('account linking under concurrency', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let w: LinkWorld;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await createAuthTestApp({ SMTP_URL: capture.url });
    w = await createLinkWorld(t);
  }, 60_000);

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
    await capture?.close();
  });

  const pendingLink = async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const id = await requestedLink(t, w.writeA, endOf(source), endOf(target));
    const { token } = await confirmationMail(capture, target.email);
    return { source, target, id, token };
  };

  it('twenty concurrent confirmations of one token: exactly one 200, the others 409 LINK_ALREADY_CONFIRMED', async () => {
    const { id, token } = await pendingLink();
    const repository = t.app.get(AccountLinksRepository);
    const barrier = readBarrier(repository, 20);
    const updates = jest.spyOn(repository, 'confirm');
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(t, token)));
      expect(tally(answers.map(codeOf))).toEqual({ '200 ok': 1, '409 LINK_ALREADY_CONFIRMED': 19 });
      // All twenty read the link as pending and tried the conditional UPDATE; it let exactly one through.
      expect(updates.mock.calls).toHaveLength(20);
    } finally {
      barrier.restore();
      updates.mockRestore();
    }
    const row = await linkRow(t, id);
    expect(row.status).toBe('confirmed');
    expect(row.confirmedAt).not.toBeNull();
  });

  it('confirmations and declines racing on one token: exactly one wins, the rest say what happened', async () => {
    const { id, token } = await pendingLink();
    const barrier = readBarrier(t.app.get(AccountLinksRepository), 20);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? confirm(t, token) : decline(t, token))),
    ).finally(() => barrier.restore());
    const codes = tally(answers.map(codeOf));
    expect(codes['200 ok'] ?? 0).toBe(1);
    const { status } = await linkRow(t, id);
    const loser = status === 'confirmed' ? '409 LINK_ALREADY_CONFIRMED' : '409 LINK_ALREADY_DECLINED';
    expect(codes).toEqual({ '200 ok': 1, [loser]: 19 });
  });

  it('ten concurrent requests for one pair (both directions): one link is stored, the rest 409 LINK_EXISTS', async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        n % 2 === 0
          ? requestLink(t, w.writeA, endOf(source), endOf(target))
          : requestLink(t, w.writeB, endOf(target), endOf(source)),
      ),
    );
    expect(tally(answers.map(codeOf))).toEqual({ '202 ok': 1, '409 LINK_EXISTS': 9 });
    const stored = await t.app
      .get(DataSource)
      .getRepository(AccountLink)
      .findBy([
        { sourceCustomerPk: source.id, targetCustomerId: target.customerId },
        { sourceCustomerPk: target.id, targetCustomerId: source.customerId },
      ]);
    expect(stored).toHaveLength(1);
  });

  it('ten concurrent resends of one link: one new email, the others 429 LINK_RESEND_COOLDOWN', async () => {
    const { target, id } = await pendingLink();
    const requestedAt = (await linkRow(t, id)).requestedAt.getTime();
    const clock = setClock(t, new Date(requestedAt + 11 * 60_000));
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.inject({ method: 'POST', url: `/api/v1/account-links/${id}/resend`, headers: w.writeA }),
        ),
      );
      expect(tally(answers.map(codeOf))).toEqual({ '202 ok': 1, '429 LINK_RESEND_COOLDOWN': 9 });
      expect((await linkRow(t, id)).resendCount).toBe(1);
      await confirmationMail(capture, target.email, 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(capture.messages.filter((m) => m.to.includes(target.email.toLowerCase()))).toHaveLength(2);
    } finally {
      clock.restore();
    }
  });
});
