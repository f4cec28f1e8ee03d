import { apiKeyPrefix, generateApiKey } from './api-key';

describe('API keys', () => {
  it('have the form oth_<prefix8>_<secret> with 256 random bits', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^oth_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(generateApiKey().key).not.toBe(key);
  });

  it.each(['', 'oth_1234', 'oth_ABCDEF12_' + 'a'.repeat(43), 'xyz_12345678_' + 'a'.repeat(43), 'oth_12345678_short'])(
    'finds no prefix in %p',
    (key) => {
      expect(apiKeyPrefix(key)).toBeUndefined();
    },
  );
});
