import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { FORBIDDEN_PATH } from '../../core/auth/auth.guards';
import { canEditOperator } from './model/operator-permissions';

/**
 * `/operators/:id/edit`: admins, and the operator user bound to that operator; everyone else sees the
 * "Not allowed" page. (The parent route already requires a session.)
 */
export const operatorEditGuard: CanActivateFn = (route) => {
  const id = route.paramMap.get('id') ?? '';
  return canEditOperator(inject(AuthStore).user(), id) || inject(Router).createUrlTree([FORBIDDEN_PATH]);
};
