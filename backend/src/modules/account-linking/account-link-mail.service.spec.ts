import type { AppConfigService } from '../../config/app-config.service';
import type { EmailMessage, MailService } from '../mail/mail.service';
import { AccountLinkMailService, isMailable } from './account-link-mail.service';

const source = { operatorName: 'PSD Ferries', customerId: 'F-1', name: 'Jane Smith', email: 'jane.smith@example.org' };
const target = { operatorName: 'PSD Buses', customerId: 'B-9', name: 'J. Smith', email: 'js@buses.example' };

function setup() {
  const sent: EmailMessage[] = [];
  const mail = { enqueue: jest.fn((message: EmailMessage) => Promise.resolve(void sent.push(message))) };
  const config = { publicUrl: 'https://hub.example.org' } as AppConfigService;
  return { service: new AccountLinkMailService(mail as unknown as MailService, config), sent, mail };
}

describe('AccountLinkMailService', () => {
  it('writes to the target address on file, masks the source, carries Confirm and "This wasn\'t me"', async () => {
    const { service, sent, mail } = setup();
    const manager = {} as never;
    await service.sendConfirmationRequest(manager, target, source, 'tok_en-123', new Date('2026-05-02T09:30:00.000Z'));
    expect(mail.enqueue).toHaveBeenCalledWith(expect.anything(), manager);
    const [message] = sent;
    expect(message.to).toBe('js@buses.example');
    expect(message.kind).toBe('account-link-confirm');
    expect(message.links).toEqual([
      'https://hub.example.org/link/confirm?token=tok_en-123',
      'https://hub.example.org/link/confirm?token=tok_en-123&action=decline',
    ]);
    expect(message.text).toContain('J*** S*** (j***@example.org)');
    expect(message.text).toContain('PSD Ferries asks to link your PSD Buses account B-9');
    expect(message.text).toContain('2026-05-02 09:30 UTC');
    for (const body of [message.text, message.html]) {
      expect(body).not.toContain('Jane Smith');
      expect(body).not.toContain('jane.smith@example.org');
    }
  });

  it('tells the source owner about the request without a link or anything about the target account', async () => {
    const { service, sent } = setup();
    await service.sendRequestNotice({} as never, source, 'PSD Buses');
    const [message] = sent;
    expect(message.to).toBe('jane.smith@example.org');
    expect(message.kind).toBe('account-link-notice');
    expect(message.text).toContain('an account at PSD Buses');
    expect(message.text).not.toMatch(/token|B-9|https?:/);
  });

  it('only mails addresses the outbox accepts', () => {
    expect(isMailable('a@b.example')).toBe(true);
    for (const bad of [
      '',
      'no-at-sign',
      'a@b@c',
      'a b@c.example',
      'a@b.example, c@d.example',
      `${'x'.repeat(250)}@b.co`,
    ]) {
      expect([bad, isMailable(bad)]).toEqual([bad, false]);
    }
  });
});
