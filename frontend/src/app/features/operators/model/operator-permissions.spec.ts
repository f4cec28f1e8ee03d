import { describe, expect, it } from 'vitest';

import { aUser } from '../../../../testing/auth-fixtures';
import { canEditOperator, editableOperatorFields } from './operator-permissions';

describe('operator permissions', () => {
  it('lets an admin edit every operator and every field but the id', () => {
    const admin = aUser({ role: 'admin' });
    expect(canEditOperator(admin, '030')).toBe(true);
    expect([...editableOperatorFields(admin, '030')].sort()).toEqual([
      'customerAccountUrl',
      'defaultLanguage',
      'email',
      'homepage',
      'kind',
      'miptaUrls',
      'modeIds',
      'name',
      'phone',
    ]);
  });

  it("lets an operator user edit only its own operator's contact details, language, modes and URLs", () => {
    const staff = aUser({ role: 'operator', operatorId: '029' });
    expect(canEditOperator(staff, '029')).toBe(true);
    expect([...editableOperatorFields(staff, '029')].sort()).toEqual([
      'customerAccountUrl',
      'defaultLanguage',
      'email',
      'homepage',
      'miptaUrls',
      'modeIds',
      'phone',
    ]);
    expect(canEditOperator(staff, '030')).toBe(false);
    expect(editableOperatorFields(staff, '030').size).toBe(0);
  });

  it('lets viewers, unbound operator users and signed-out visitors edit nothing', () => {
    expect(canEditOperator(aUser({ role: 'viewer' }), '029')).toBe(false);
    expect(canEditOperator(aUser({ role: 'operator', operatorId: null }), '029')).toBe(false);
    expect(canEditOperator(null, '029')).toBe(false);
    expect(editableOperatorFields(null, '029').size).toBe(0);
  });
});
