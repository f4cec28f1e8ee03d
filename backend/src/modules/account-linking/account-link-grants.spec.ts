import type { Principal } from '../../common/auth/principal';
import type { ApiScope } from '../../common/auth/scopes';
import type { DomainEventsService } from '../events/domain-events.service';
import { AccountLinkGrants } from './account-link-grants';
import type { AccountLinksRepository } from './account-links.repository';

const client = (scopes: ApiScope[], operatorId: string | null): Principal => ({
  kind: 'apiClient',
  client: { id: 'c1', name: 'c', keyPrefix: 'abcd1234', scopes, operatorId },
});
const staff: Principal = {
  kind: 'user',
  sessionId: 's',
  user: { id: 'u1', email: 'u@example.org', displayName: 'U', role: 'operator', operatorId: '001', status: 'active' },
};
const b = { operatorId: '002', customerId: 'C2' };
const confirmed = {
  id: 'l1',
  sourceOperatorId: '001',
  sourceCustomerId: 'C1',
  targetOperatorId: '002',
  targetCustomerId: 'C2',
};

function setup(found: object | null) {
  const repo = { findConfirmedLinkBetween: jest.fn().mockResolvedValue(found) };
  const events = { publishAccountLink: jest.fn() };
  const grants = new AccountLinkGrants(
    repo as unknown as AccountLinksRepository,
    events as unknown as DomainEventsService,
  );
  return { grants, repo, events };
}

describe('AccountLinkGrants (OTI exchange)', () => {
  it('admits a read client of the other operator through a confirmed link, asking the database every time', async () => {
    const { grants, repo, events } = setup(confirmed);
    const reader = client(['customer-account:read'], '001');
    expect(await grants.grants(reader, b)).toBe(true);
    expect(await grants.grants(reader, b)).toBe(true);
    expect(repo.findConfirmedLinkBetween).toHaveBeenCalledTimes(2);
    expect(repo.findConfirmedLinkBetween).toHaveBeenCalledWith('001', b);
    expect(events.publishAccountLink).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'account-link.data-read', channel: 'customer-routes', readEnd: 'target' }),
    );
  });

  it('says which end was read when the link runs the other way', async () => {
    const { grants, events } = setup(confirmed);
    expect(await grants.grants(client(['customer-account:read'], '002'), { operatorId: '001', customerId: 'C1' })).toBe(
      true,
    );
    expect(events.publishAccountLink).toHaveBeenCalledWith(expect.objectContaining({ readEnd: 'source' }));
  });

  it('never admits staff, clients without the read scope or an operator, or the own operator (the rule covers it)', async () => {
    for (const principal of [
      staff,
      client(['account-linking:write'], '001'),
      client(['customer-account:read'], null),
      client(['customer-account:read'], '002'),
    ]) {
      const { grants, repo } = setup(confirmed);
      expect(await grants.grants(principal, b)).toBe(false);
      expect(repo.findConfirmedLinkBetween).not.toHaveBeenCalled();
    }
  });

  it('refuses when no confirmed link exists (unknown customers alike), publishing nothing', async () => {
    const { grants, events } = setup(null);
    expect(await grants.grants(client(['customer-account:read'], '001'), b)).toBe(false);
    expect(events.publishAccountLink).not.toHaveBeenCalled();
  });
});
