import { type UserDto } from '../../../core/auth/auth.model';
import { OPERATOR_USER_FIELDS, type OperatorField } from './operators.model';

/** Every field of an operator an admin may change (the id only when creating). */
export const ADMIN_FIELDS: readonly OperatorField[] = [
  'name',
  'kind',
  'homepage',
  'customerAccountUrl',
  'email',
  'phone',
  'defaultLanguage',
  'modeIds',
  'miptaUrls',
];

/** Whether `user` may edit operator `operatorId`: admins any, operator users their own only. */
export function canEditOperator(user: UserDto | null, operatorId: string): boolean {
  if (!user) {
    return false;
  }
  return user.role === 'admin' || (user.role === 'operator' && user.operatorId === operatorId);
}

/**
 * The fields `user` may change on operator `operatorId` (empty: none). Mirrors the server's rule; the server
 * decides in the end (FIELD_NOT_ALLOWED / FORBIDDEN).
 */
export function editableOperatorFields(user: UserDto | null, operatorId: string): ReadonlySet<OperatorField> {
  if (!user || !canEditOperator(user, operatorId)) {
    return new Set();
  }
  return new Set(user.role === 'admin' ? ADMIN_FIELDS : OPERATOR_USER_FIELDS);
}
