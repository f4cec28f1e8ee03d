import { describeSendError, isPermanentFailure, MAX_ERROR_LENGTH, retryDelayMs } from './retry-policy';

const smtpError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('retryDelayMs', () => {
  it('backs off exponentially, 5 s → 30 s → 2 min → 10 min → 30 min, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10, 50].map(retryDelayMs)).toEqual([
      5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('treats nonsense attempt counts as the first attempt', () => {
    expect(retryDelayMs(0)).toBe(5_000);
    expect(retryDelayMs(-3)).toBe(5_000);
  });
});

describe('isPermanentFailure', () => {
  it('is true only for a 5xx refusal of the recipient', () => {
    expect(
      isPermanentFailure(smtpError('rejected', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' })),
    ).toBe(true);
    expect(isPermanentFailure(smtpError('busy', { code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }))).toBe(
      false,
    );
    expect(
      isPermanentFailure(smtpError('sender', { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' })),
    ).toBe(false);
    expect(isPermanentFailure(smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET' }))).toBe(false);
    expect(isPermanentFailure('550')).toBe(false);
  });
});

describe('describeSendError', () => {
  it('gives code, SMTP reply code and message', () => {
    expect(
      describeSendError(smtpError('Invalid login: 535 Authentication failed', { code: 'EAUTH', responseCode: 535 })),
    ).toBe('EAUTH 535: Invalid login: 535 Authentication failed');
  });

  it('removes credentials from URLs and masks email addresses', () => {
    const summary = describeSendError(
      new Error('cannot reach smtps://hub:s3cret@smtp.example.org:465 for <jane.doe@example.org>'),
    );
    expect(summary).not.toContain('s3cret');
    expect(summary).not.toContain('jane.doe');
    expect(summary).toContain('smtps://***@smtp.example.org:465');
    expect(summary).toContain('j***@example.org');
  });

  it('is short and on one line', () => {
    const summary = describeSendError(new Error(`line one\n\n${'x'.repeat(1000)}`));
    expect(summary.length).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
    expect(summary).not.toContain('\n');
    expect(describeSendError({ weird: true })).toBe('unknown error');
  });
});
