import { SnakeNamingStrategy, snakeCase } from './naming-strategy';

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it.each([
    ['bookingTime', 'booking_time'],
    ['addressLine1', 'address_line1'],
    ['customerPk', 'customer_pk'],
    ['id', 'id'],
    ['ticketNumberOfUsages', 'ticket_number_of_usages'],
  ])('snake-cases %s as %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });

  it('joins embedded prefixes with underscores', () => {
    expect(strategy.columnName('amount', undefined, ['transaction', 'price'])).toBe('transaction_price_amount');
    expect(strategy.columnName('paymentType', undefined, ['transaction'])).toBe('transaction_payment_type');
  });

  it('keeps an explicit name, prefixed inside an embedded', () => {
    expect(strategy.columnName('validFrom', 'valid_from', [])).toBe('valid_from');
    expect(strategy.columnName('amount', 'amount_minor', ['price'])).toBe('price_amount_minor');
  });

  it('names join columns <relation>_<column>', () => {
    expect(strategy.joinColumnName('operator', 'id')).toBe('operator_id');
  });
});
