import {
  counterTtlMs,
  DAY,
  EXPIRY_SLACK_MS,
  HOUR,
  MINUTE,
  secondsToReset,
  TEN_MINUTES,
  windowEnd,
  windowNumber,
} from './fixed-window';

const at = (iso: string) => Date.parse(iso);

describe('fixed windows', () => {
  it('are aligned to the clock: minutes on :00, days on UTC midnight', () => {
    expect(windowNumber(MINUTE, at('2026-11-23T10:15:00.000Z'))).toBe(
      windowNumber(MINUTE, at('2026-11-23T10:15:59.999Z')),
    );
    expect(windowNumber(MINUTE, at('2026-11-23T10:16:00.000Z'))).toBe(
      windowNumber(MINUTE, at('2026-11-23T10:15:59.999Z')) + 1,
    );
    expect(windowNumber(DAY, at('2026-11-23T00:00:00.000Z'))).toBe(windowNumber(DAY, at('2026-11-23T23:59:59.999Z')));
    expect(windowNumber(DAY, at('2026-11-24T00:00:00.000Z'))).toBe(
      windowNumber(DAY, at('2026-11-23T23:59:59.999Z')) + 1,
    );
    expect(windowEnd(HOUR, at('2026-11-23T10:15:00Z'))).toBe(at('2026-11-23T11:00:00Z'));
    expect(windowEnd(TEN_MINUTES, at('2026-11-23T10:15:00Z'))).toBe(at('2026-11-23T10:20:00Z'));
    expect(windowEnd(DAY, at('2026-11-23T10:15:00Z'))).toBe(at('2026-11-24T00:00:00Z'));
  });

  it('reset in whole seconds, rounded up, at least 1', () => {
    expect(secondsToReset(MINUTE, at('2026-11-23T10:15:00.000Z'))).toBe(60);
    expect(secondsToReset(MINUTE, at('2026-11-23T10:15:00.001Z'))).toBe(60);
    expect(secondsToReset(MINUTE, at('2026-11-23T10:15:58.500Z'))).toBe(2);
    expect(secondsToReset(MINUTE, at('2026-11-23T10:15:59.999Z'))).toBe(1);
    expect(secondsToReset(DAY, at('2026-11-23T22:00:00Z'))).toBe(7200);
  });

  it('counters live until their window ends, plus a little slack for instances whose clock lags', () => {
    expect(counterTtlMs(MINUTE, at('2026-11-23T10:15:45Z'))).toBe(15_000 + EXPIRY_SLACK_MS);
    expect(counterTtlMs(DAY, at('2026-11-23T23:00:00Z'))).toBe(3_600_000 + EXPIRY_SLACK_MS);
  });
});
