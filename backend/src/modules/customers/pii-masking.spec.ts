import type { CustomerDto } from './dto/customer.dto';
import { maskCustomer, maskEmail, maskPhone, maskSummary } from './pii-masking';

describe('PII masking', () => {
  it.each([
    ['jane.doe42@example.com', 'j***@example.com'],
    ['j@example.org', 'j***@example.org'],
    ['@example.org', '***@example.org'],
    ['élodie@example.fr', 'é***@example.fr'],
    ['😀smile@example.net', '😀***@example.net'],
    ['a"b@c"@example.com', 'a***@example.com'],
    ['no-at-sign', '***'],
    ['', '***'],
  ])('email %p → %p', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each<[string | null, string | null]>([
    ['07700 900123', '***23'],
    ['+44 (0)20 7946 0018', '***18'],
    ['7', '***7'],
    ['', '***'],
    [null, null],
  ])('phone %p → %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  const profile: CustomerDto = {
    operatorId: '029',
    operatorName: 'PSD Buses',
    customerId: 'C000001',
    name: 'Jane Doe',
    email: 'jane.doe@example.com',
    phone: '07700 900123',
    dateOfBirth: '1984-06-30',
    address: { line1: '1 High St', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
    createdAt: '2026-01-01T00:00:00.000Z',
    piiMasked: false,
  };

  it('masks a profile: email and phone partly, date of birth and address removed, flagged', () => {
    expect(maskCustomer(profile)).toEqual({
      ...profile,
      email: 'j***@example.com',
      phone: '***23',
      dateOfBirth: null,
      address: null,
      piiMasked: true,
    });
    expect(profile.piiMasked).toBe(false);
  });

  it('masks a search hit’s email only', () => {
    const { operatorId, operatorName, customerId, name, email } = profile;
    expect(maskSummary({ operatorId, operatorName, customerId, name, email })).toEqual({
      operatorId,
      operatorName,
      customerId,
      name,
      email: 'j***@example.com',
    });
  });
});
