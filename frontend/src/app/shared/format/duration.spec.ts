import { describe, expect, it } from 'vitest';

import { formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.9, '59s'],
    [60, '1m'],
    [3725, '1h 2m 5s'],
    [90061, '1d 1h 1m'],
    [172800, '2d'],
  ])('formats %s seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('says unknown for nonsense input', () => {
    expect(formatDuration(-1)).toBe('unknown');
    expect(formatDuration(Number.NaN)).toBe('unknown');
  });
});
