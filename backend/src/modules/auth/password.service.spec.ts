import { loadConfig } from '../../config/app-config';
import { isCommonPassword, PasswordService } from './password.service';

describe('isCommonPassword', () => {
  it.each(['qwertyuiop123', 'PASSWORD', 'Qwertyuiop', 'iloveyou'])('finds %s in the list', (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });

  it('lets a long, unusual passphrase through', () => {
    expect(isCommonPassword('correct horse battery staple 42')).toBe(false);
  });
});

describe('PasswordService', () => {
  const service = new PasswordService(loadConfig({ BCRYPT_COST: '4' }));

  it('hashes with the configured cost and verifies', async () => {
    const hash = await service.hash('a long enough passphrase');
    expect(hash).toMatch(/^\$2b\$04\$/);
    await expect(service.verify('a long enough passphrase', hash)).resolves.toBe(true);
    await expect(service.verify('another passphrase!!', hash)).resolves.toBe(false);
  });

  it('answers false, after a real comparison, when there is no hash', async () => {
    await expect(service.verify('whatever it is', null)).resolves.toBe(false);
  });

  it('refuses common passwords with PASSWORD_TOO_COMMON', () => {
    expect(() => service.assertAcceptable('password1234')).toThrow(
      expect.objectContaining({ code: 'PASSWORD_TOO_COMMON' }),
    );
    expect(() => service.assertAcceptable('tram to the harbour at dawn')).not.toThrow();
  });
});
