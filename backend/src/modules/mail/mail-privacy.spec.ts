import { extractLinks, maskEmailAddress, maskEmailAddresses } from './mail-privacy';

describe('maskEmailAddress', () => {
  it.each([
    ['jane.doe@example.org', 'j***@example.org'],
    ['J@example.org', 'J***@example.org'],
    ['not-an-address', '***'],
    ['@example.org', '***'],
  ])('%s → %s', (address, masked) => {
    expect(maskEmailAddress(address)).toBe(masked);
  });

  it('masks every address inside a text', () => {
    expect(maskEmailAddresses('550 <ann@a.example> and bob@b.example: unknown')).toBe(
      '550 <a***@a.example> and b***@b.example: unknown',
    );
  });
});

describe('extractLinks', () => {
  it('finds every http(s) URL once, in order, without trailing punctuation', () => {
    const text =
      'Open https://hub.example.org/verify?token=a-b_c. Or http://localhost:3000/x, or https://hub.example.org/verify?token=a-b_c\nftp://nope';
    expect(extractLinks(text)).toEqual(['https://hub.example.org/verify?token=a-b_c', 'http://localhost:3000/x']);
  });
});
