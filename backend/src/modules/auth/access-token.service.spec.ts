import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '../../config/app-config';
import { AccessTokenService } from './access-token.service';

describe('AccessTokenService', () => {
  const config = loadConfig({ JWT_ACCESS_TTL: '600' });
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.jwt.accessSecret, 'utf8')) });
  let now: Date;
  const clock = { now: () => now };
  let service: AccessTokenService;

  beforeEach(() => {
    now = new Date('2026-11-23T10:00:00Z');
    service = new AccessTokenService(jwt, config, clock);
  });

  it('verifies a token it signed and answers the same claims from memory on the next call', () => {
    const token = service.sign({ id: 'user-1', role: 'viewer' }, 'session-1');
    const verify = jest.spyOn(jwt, 'verify');
    const first = service.verify(token);
    const second = service.verify(token);
    expect(first).toMatchObject({ sub: 'user-1', sid: 'session-1', typ: 'access' });
    expect(second).toEqual(first);
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });

  it('still expires a remembered token on time (SESSION_EXPIRED), and keeps refusing it', () => {
    const token = service.sign({ id: 'user-1', role: 'viewer' }, 'session-1');
    service.verify(token);
    now = new Date(now.getTime() + 599_000);
    expect(service.verify(token).sid).toBe('session-1');
    now = new Date(now.getTime() + 1_000);
    expect(() => service.verify(token)).toThrow(expect.objectContaining({ code: 'SESSION_EXPIRED' }));
    expect(() => service.verify(token)).toThrow(expect.objectContaining({ code: 'SESSION_EXPIRED' }));
  });

  it('never remembers a refused token: a tampered copy of a remembered one is refused every time', () => {
    const token = service.sign({ id: 'user-1', role: 'viewer' }, 'session-1');
    service.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = [header, payload, signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA')].join('.');
    for (let i = 0; i < 2; i++) {
      expect(() => service.verify(forged)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
  });
});
