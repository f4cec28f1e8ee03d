import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfigService } from '../../config/app-config.service';
import type { OutboxMessage } from './entities/outbox-message.entity';
import type { MailOutboxRepository } from './mail-outbox.repository';
import { CLAIM_LEASE_MS, MailOutboxWorker } from './mail-outbox.worker';
import type { MailTransport } from './transports/mail-transport';

const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id: 7,
  kind: 'verify-email',
  toAddress: 'ada@example.org',
  subject: 'Confirm',
  textBody: 'Open https://hub.example.org/verify-email?token=t',
  htmlBody: '<p>hi</p>',
  links: ['https://hub.example.org/verify-email?token=t'],
  status: 'sending',
  attempts: 1,
  nextAttemptAt: new Date(),
  lockedUntil: new Date(),
  lastError: null,
  createdAt: new Date('2025-06-01T00:00:00Z'),
  sentAt: null,
  ...overrides,
});

function setup(claimed: OutboxMessage[], send: MailTransport['send'] = () => Promise.resolve()) {
  const outbox = {
    claimDue: jest.fn().mockResolvedValueOnce(claimed).mockResolvedValue([]),
    markSent: jest.fn().mockResolvedValue(undefined),
    scheduleRetry: jest.fn().mockResolvedValue(undefined),
    markFailed: jest.fn().mockResolvedValue(undefined),
  };
  const transport = { name: 'smtp' as const, send: jest.fn(send), close: jest.fn() };
  const config = { isProduction: false, mail: { maxAttempts: 3, dir: 'x' } } as unknown as AppConfigService;
  const dataSource = { subscribers: [] } as unknown as DataSource;
  const worker = new MailOutboxWorker(outbox as unknown as MailOutboxRepository, transport, config, dataSource);
  return { worker, outbox, transport };
}

describe('MailOutboxWorker.deliverDue', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('claims with a lease, sends the message and marks it sent', async () => {
    const { worker, outbox, transport } = setup([message()]);
    const before = Date.now();
    expect(await worker.deliverDue()).toBe(1);
    const [limit, now, lockedUntil] = outbox.claimDue.mock.calls[0] as [number, Date, Date];
    expect(limit).toBeGreaterThan(0);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(lockedUntil.getTime() - now.getTime()).toBe(CLAIM_LEASE_MS);
    expect(transport.send).toHaveBeenCalledWith(
      expect.objectContaining({ id: 7, to: 'ada@example.org', subject: 'Confirm', html: '<p>hi</p>' }),
    );
    expect(outbox.markSent).toHaveBeenCalledWith(7, expect.any(Date));
    expect(outbox.scheduleRetry).not.toHaveBeenCalled();
  });

  it('schedules a retry with backoff after a failure, recording a short error', async () => {
    const { worker, outbox } = setup([message({ attempts: 2 })], () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })),
    );
    const before = Date.now();
    await worker.deliverDue();
    const [id, next, error] = outbox.scheduleRetry.mock.calls[0] as [number, Date, string];
    expect(id).toBe(7);
    expect(next.getTime() - before).toBeGreaterThanOrEqual(30_000);
    expect(next.getTime() - before).toBeLessThan(31_000);
    expect(error).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:25');
    expect(outbox.markSent).not.toHaveBeenCalled();
  });

  it('gives up after MAIL_MAX_ATTEMPTS', async () => {
    const { worker, outbox } = setup([message({ attempts: 3 })], () => Promise.reject(new Error('timeout')));
    await worker.deliverDue();
    expect(outbox.markFailed).toHaveBeenCalledWith(7, 'timeout');
    expect(outbox.scheduleRetry).not.toHaveBeenCalled();
  });

  it('gives up at once when the server refuses the recipient permanently', async () => {
    const refused = Object.assign(new Error('550 no such user'), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
    });
    const { worker, outbox } = setup([message({ attempts: 1 })], () => Promise.reject(refused));
    await worker.deliverDue();
    expect(outbox.markFailed).toHaveBeenCalledWith(7, 'EENVELOPE 550: 550 no such user');
  });

  it('sends a batch concurrently, each message on its own', async () => {
    const { worker, outbox } = setup([message({ id: 1 }), message({ id: 2 })], (email) =>
      email.id === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(),
    );
    expect(await worker.deliverDue()).toBe(2);
    expect(outbox.scheduleRetry).toHaveBeenCalledWith(1, expect.any(Date), 'boom');
    expect(outbox.markSent).toHaveBeenCalledWith(2, expect.any(Date));
  });
});
