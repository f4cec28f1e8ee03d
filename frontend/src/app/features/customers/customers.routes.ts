import { type Routes } from '@angular/router';

import { CustomersPage } from './customers-page';

export const CUSTOMERS_ROUTES: Routes = [
  { path: '', component: CustomersPage, title: 'Customers · Open Transport Hub' },
];
