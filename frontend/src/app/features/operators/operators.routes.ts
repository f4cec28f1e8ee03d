import { type Routes } from '@angular/router';

import { roleGuard } from '../../core/auth/auth.guards';
import { ModesPage } from './modes-page';
import { OperatorDetailPage } from './operator-detail-page';
import { OperatorEditPage } from './operator-edit-page';
import { operatorEditGuard } from './operators.guards';
import { OperatorsPage } from './operators-page';

/** Operator pages; the parent route in APP_ROUTES requires a session. */
export const OPERATORS_ROUTES: Routes = [
  { path: '', component: OperatorsPage, title: 'Operators · Open Transport Hub' },
  {
    path: 'new',
    component: OperatorEditPage,
    canActivate: [roleGuard('admin')],
    title: 'New operator · Open Transport Hub',
  },
  { path: ':id', component: OperatorDetailPage, title: 'Operator · Open Transport Hub' },
  {
    path: ':id/edit',
    component: OperatorEditPage,
    canActivate: [operatorEditGuard],
    title: 'Edit operator · Open Transport Hub',
  },
];

/** `/modes`; the parent route in APP_ROUTES requires a session. */
export const MODES_ROUTES: Routes = [{ path: '', component: ModesPage, title: 'Modes · Open Transport Hub' }];
