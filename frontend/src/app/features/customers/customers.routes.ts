import { type Routes } from '@angular/router';

import { CustomerDetailPage } from './customer-detail-page';
import { CustomerSearchPage } from './customer-search-page';

/** Customer pages; the parent route in APP_ROUTES admits admins and operator users only. */
export const CUSTOMERS_ROUTES: Routes = [
  { path: '', component: CustomerSearchPage, title: 'Customers · Open Transport Hub' },
  { path: ':operatorId/:customerId', component: CustomerDetailPage, title: 'Customer · Open Transport Hub' },
  {
    path: ':operatorId/:customerId/links/:linkId',
    loadComponent: () => import('../account-linking/linked-records-page').then((m) => m.LinkedRecordsPage),
    title: 'Linked account · Open Transport Hub',
  },
];
