import { ConfigError, loadConfig } from './app-config';

describe('throttling and IP blocklist settings', () => {
  it("has the issue's defaults", () => {
    const c = loadConfig({});
    expect(c.throttle).toEqual({
      enabled: true,
      userPerMinute: 120,
      userPerDay: 5000,
      clientPerDay: 200,
      anonymousPerMinute: 300,
      loginPerMinute: 10,
      registerPerHour: 5,
      forgotPasswordPerHour: 5,
      accountLinkPerHour: 30,
    });
    expect(c.autoBan).toEqual({
      failedLoginsPerHour: 50,
      throttleRefusalsPer10Minutes: 20,
      invalidTokensPer10Minutes: 100,
      durationSeconds: 3600,
    });
    expect(c.ipRulesReloadSeconds).toBe(5);
  });

  it('reads overrides; 0 turns an auto-ban trigger off; THROTTLE_ENABLED=false turns budgets off', () => {
    const c = loadConfig({
      THROTTLE_ENABLED: 'false',
      THROTTLE_USER_PER_MINUTE: '60',
      THROTTLE_CLIENT_PER_DAY: '1000',
      THROTTLE_ACCOUNT_LINK_PER_HOUR: '10',
      AUTO_BAN_FAILED_LOGINS: '0',
      AUTO_BAN_DURATION: '86400',
      IP_RULES_RELOAD_SECONDS: '30',
    });
    expect(c.throttle).toMatchObject({ enabled: false, userPerMinute: 60, clientPerDay: 1000, accountLinkPerHour: 10 });
    expect(c.autoBan).toMatchObject({ failedLoginsPerHour: 0, durationSeconds: 86_400 });
    expect(c.ipRulesReloadSeconds).toBe(30);
    expect(loadConfig({ THROTTLE_ENABLED: '' }).throttle.enabled).toBe(true);
  });

  it.each([
    ['THROTTLE_USER_PER_MINUTE', '0'],
    ['THROTTLE_USER_PER_DAY', '-5'],
    ['THROTTLE_CLIENT_PER_DAY', '2.5'],
    ['THROTTLE_LOGIN_PER_MINUTE', 'ten'],
    ['THROTTLE_ENABLED', 'maybe'],
    ['AUTO_BAN_INVALID_TOKENS', '-1'],
    ['AUTO_BAN_DURATION', '59'],
    ['AUTO_BAN_DURATION', '2592001'],
    ['IP_RULES_RELOAD_SECONDS', '0'],
    ['IP_RULES_RELOAD_SECONDS', '301'],
  ])('rejects %s=%j naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
