import { type Routes } from '@angular/router';

import { ApiClientsPage } from './api-clients-page';
import { AuditLogPage } from './audit-log-page';
import { IpBlocklistPage } from './ip-blocklist-page';
import { UsersPage } from './users-page';

/** Admin pages; the parent route in APP_ROUTES guards them with roleGuard('admin'). */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  { path: 'users', component: UsersPage, title: 'Users · Open Transport Hub' },
  { path: 'api-clients', component: ApiClientsPage, title: 'API clients · Open Transport Hub' },
  { path: 'audit', component: AuditLogPage, title: 'Audit log · Open Transport Hub' },
  { path: 'ip-blocklist', component: IpBlocklistPage, title: 'IP blocklist · Open Transport Hub' },
];
