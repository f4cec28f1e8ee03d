import { FormControl, type FormGroup } from '@angular/forms';

import { type Role } from '../../../core/auth/auth.model';
import { FormValidators, requiredWhen } from '../../../shared/forms/validators';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  operator: 'Operator staff',
  viewer: 'Viewer',
};

/** Role + operator id controls: the operator id is required (and only sent) when the role is operator. */
export function roleControls(role: Role = 'viewer', operatorId = '') {
  return {
    role: new FormControl<Role>(role, { nonNullable: true, validators: FormValidators.required }),
    operatorId: new FormControl(operatorId, {
      nonNullable: true,
      validators: requiredWhen((parent) => (parent as FormGroup).get('role')?.value === 'operator'),
    }),
  };
}
