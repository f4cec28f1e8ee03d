import type { Principal } from '../../common/auth/principal';
import type { ApiScope } from '../../common/auth/scopes';
import { AppError } from '../../common/errors/app-error';
import type { UserRole } from '../users/entities/user.entity';
import {
  CustomerAccessPolicy,
  CustomerGrantSource,
  customerReachOf,
  CustomerRef,
  operatorGrant,
} from './customer-access.policy';

const user = (role: UserRole, operatorId: string | null = null): Principal => ({
  kind: 'user',
  sessionId: 's1',
  user: { id: 'u1', email: 'u@example.org', displayName: 'U', role, operatorId, status: 'active' },
});
const client = (scopes: ApiScope[], operatorId: string | null = '029'): Principal => ({
  kind: 'apiClient',
  client: { id: 'c1', name: 'C', keyPrefix: 'abcd1234', scopes, operatorId },
});

const codeOf = async (work: () => unknown): Promise<string> => {
  try {
    await work();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'allowed';
};

const ref = (operatorId: string, customerId = 'C000001'): CustomerRef => ({ operatorId, customerId });

describe('customerReachOf', () => {
  it.each<[string, Principal, ReturnType<typeof customerReachOf>]>([
    ['admin: every operator, PII', user('admin'), { operators: 'all', pii: true }],
    ['operator user: its operator, PII', user('operator', '029'), { operators: ['029'], pii: true }],
    ['operator user without an operator: none', user('operator', null), null],
    ['viewer: none', user('viewer'), null],
    ['viewer bound to an operator: still none', user('viewer', '029'), null],
    ['client with read: its operator, masked', client(['customer-account:read']), { operators: ['029'], pii: false }],
    [
      'client with read + pii: its operator, PII',
      client(['customer-account:read', 'customer-account:pii']),
      { operators: ['029'], pii: true },
    ],
    ['client with pii only: none', client(['customer-account:pii']), null],
    ['client with operator-info only: none', client(['operator-info:read']), null],
    ['client with read but no operator: none', client(['customer-account:read'], null), null],
  ])('%s', (_name, principal, expected) => {
    expect(customerReachOf(principal)).toEqual(expected);
  });
});

describe('operatorGrant', () => {
  it('admits the reached operator only, with the reach’s PII flag', () => {
    expect(operatorGrant({ operators: 'all', pii: true }, '030')).toEqual({ pii: true, basis: 'all-operators' });
    expect(operatorGrant({ operators: ['029'], pii: false }, '029')).toEqual({ pii: false, basis: 'own-operator' });
    expect(operatorGrant({ operators: ['029'], pii: true }, '030')).toBeNull();
    expect(operatorGrant({ operators: ['029'], pii: true }, '29')).toBeNull();
    expect(operatorGrant(null, '029')).toBeNull();
  });
});

describe('CustomerAccessPolicy', () => {
  const policy = new CustomerAccessPolicy();

  describe('authorizeCustomer', () => {
    it('allows admins everywhere and operator users and clients on their own operator', async () => {
      await expect(policy.authorizeCustomer(user('admin'), ref('030'), 'records')).resolves.toEqual({
        pii: true,
        basis: 'all-operators',
      });
      await expect(policy.authorizeCustomer(user('operator', '029'), ref('029'), 'records')).resolves.toMatchObject({
        pii: true,
      });
      await expect(
        policy.authorizeCustomer(client(['customer-account:read']), ref('029'), 'records'),
      ).resolves.toMatchObject({
        pii: false,
      });
    });

    it.each<[string, Principal, string]>([
      ['operator user, another operator', user('operator', '029'), '030'],
      ['client, another operator', client(['customer-account:read', 'customer-account:pii']), '030'],
      ['viewer', user('viewer'), '029'],
      ['client without read', client(['operator-info:read']), '029'],
    ])('refuses %s with CUSTOMER_ACCESS_DENIED', async (_name, principal, operatorId) => {
      expect(await codeOf(() => policy.authorizeCustomer(principal, ref(operatorId), 'records'))).toBe(
        'CUSTOMER_ACCESS_DENIED',
      );
    });
  });

  describe('authorizeSearch', () => {
    it('admins: one operator or all of them', () => {
      expect(policy.authorizeSearch(user('admin'), undefined)).toEqual({ operators: 'all', pii: true });
      expect(policy.authorizeSearch(user('admin'), '030')).toEqual({ operators: ['030'], pii: true });
    });

    it('operator users and clients: their own operator only, which they must name', async () => {
      expect(policy.authorizeSearch(user('operator', '029'), '029')).toEqual({ operators: ['029'], pii: true });
      expect(policy.authorizeSearch(client(['customer-account:read']), '029')).toEqual({
        operators: ['029'],
        pii: false,
      });
      for (const principal of [user('operator', '029'), client(['customer-account:read'])]) {
        expect(await codeOf(() => policy.authorizeSearch(principal, '030'))).toBe('CUSTOMER_ACCESS_DENIED');
        expect(await codeOf(() => policy.authorizeSearch(principal, undefined))).toBe('CUSTOMER_ACCESS_DENIED');
      }
      expect(await codeOf(() => policy.authorizeSearch(user('viewer'), undefined))).toBe('CUSTOMER_ACCESS_DENIED');
    });
  });

  describe('grant sources (account linking, issue 7)', () => {
    const linked: CustomerGrantSource = {
      grants: (_principal, customer) => Promise.resolve(customer.operatorId === '030' && customer.customerId === 'C9'),
    };
    const withLinks = new CustomerAccessPolicy([linked]);

    it('admit single customers beyond the operator rule, with the caller’s PII flag', async () => {
      await expect(
        withLinks.authorizeCustomer(client(['customer-account:read']), ref('030', 'C9'), 'records'),
      ).resolves.toEqual({
        pii: false,
        basis: 'grant',
      });
      expect(
        await codeOf(() => withLinks.authorizeCustomer(client(['customer-account:read']), ref('030', 'C8'), 'records')),
      ).toBe('CUSTOMER_ACCESS_DENIED');
    });

    it('never open a profile: linked accounts share their records only', async () => {
      expect(
        await codeOf(() => withLinks.authorizeCustomer(client(['customer-account:read']), ref('030', 'C9'), 'profile')),
      ).toBe('CUSTOMER_ACCESS_DENIED');
      await expect(withLinks.authorizeCustomer(user('admin'), ref('030', 'C9'), 'profile')).resolves.toMatchObject({
        basis: 'all-operators',
      });
    });

    it('are not asked for principals without any customer reach, nor when the operator rule already allows', async () => {
      const grants = jest.fn(() => Promise.resolve(true));
      const spying = new CustomerAccessPolicy([{ grants }]);
      expect(await codeOf(() => spying.authorizeCustomer(user('viewer'), ref('030', 'C9'), 'records'))).toBe(
        'CUSTOMER_ACCESS_DENIED',
      );
      await spying.authorizeCustomer(user('operator', '029'), ref('029'), 'records');
      expect(grants).not.toHaveBeenCalled();
    });
  });
});
