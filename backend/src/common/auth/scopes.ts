/**
 * Permissions an API client can be granted. `customer-account:*` scopes are bound to one operator (the client's
 * `operatorId`); `customer-account:pii` adds personal details to what `customer-account:read` returns.
 */
export const API_SCOPES = [
  'operator-info:read',
  'customer-account:read',
  'customer-account:pii',
  'account-linking:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * Scopes that only make sense for one operator's customers: a client holding one needs an `operatorId`
 * (`account-linking:write` acts for the operator's own accounts: unbound it could reach nothing).
 */
export const OPERATOR_BOUND_SCOPES: readonly ApiScope[] = [
  'customer-account:read',
  'customer-account:pii',
  'account-linking:write',
];
