import { Budget, rateLimitHeaders, throttleOutcome } from './budget';
import { DAY, MINUTE } from './fixed-window';

const user = new Budget('user', [
  { window: MINUTE, limit: 120 },
  { window: DAY, limit: 5000 },
]);
/** 2026-11-23 22:00:15 UTC: 45 s left in the minute, 7 185 s in the day. */
const now = Date.parse('2026-11-23T22:00:15Z');

describe('Budget and RateLimit headers', () => {
  it('writes RateLimit-Policy once per budget', () => {
    expect(user.policy).toBe('120;w=60, 5000;w=86400');
    expect(new Budget('client', [{ window: DAY, limit: 200 }]).policy).toBe('200;w=86400');
  });

  it('shows the window with the fewest requests left', () => {
    const minuteTighter = throttleOutcome(user, true, [100, 300], now);
    expect(rateLimitHeaders(minuteTighter)).toEqual({
      'ratelimit-limit': '120',
      'ratelimit-remaining': '20',
      'ratelimit-reset': '45',
      'ratelimit-policy': '120;w=60, 5000;w=86400',
    });
    const dayTighter = throttleOutcome(user, true, [3, 4990], now);
    expect(rateLimitHeaders(dayTighter)).toMatchObject({
      'ratelimit-limit': '5000',
      'ratelimit-remaining': '10',
      'ratelimit-reset': '7185',
    });
    expect(dayTighter.windows.map((w) => [w.window.name, w.remaining, w.resetSeconds])).toEqual([
      ['minute', 117, 45],
      ['day', 10, 7185],
    ]);
  });

  it('on a tie, shows the window that ends last', () => {
    const tie = throttleOutcome(user, true, [120, 5000], now);
    expect(rateLimitHeaders(tie)).toMatchObject({ 'ratelimit-limit': '5000', 'ratelimit-remaining': '0' });
  });

  it('a refusal shows the exhausted window, with Retry-After until it ends', () => {
    const minute = throttleOutcome(user, false, [120, 300], now);
    expect(rateLimitHeaders(minute)).toEqual({
      'ratelimit-limit': '120',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '45',
      'ratelimit-policy': '120;w=60, 5000;w=86400',
      'retry-after': '45',
    });
    const day = throttleOutcome(user, false, [7, 5000], now);
    expect(rateLimitHeaders(day)).toMatchObject({ 'ratelimit-limit': '5000', 'retry-after': '7185' });
    // Both exhausted: wait for the later one.
    expect(rateLimitHeaders(throttleOutcome(user, false, [120, 5000], now))['retry-after']).toBe('7185');
  });
});
