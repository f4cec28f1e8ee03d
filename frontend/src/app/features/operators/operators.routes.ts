import { type Routes } from '@angular/router';

import { OperatorsPage } from './operators-page';

export const OPERATORS_ROUTES: Routes = [
  { path: '', component: OperatorsPage, title: 'Operators · Open Transport Hub' },
];
