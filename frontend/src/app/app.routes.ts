import { type Routes } from '@angular/router';

import { HomePage } from './features/home/home-page';

export const APP_TITLE = 'Open Transport Hub';

export const APP_ROUTES: Routes = [
  { path: '', pathMatch: 'full', component: HomePage, title: APP_TITLE },
  {
    path: 'operators',
    loadChildren: () => import('./features/operators/operators.routes').then((m) => m.OPERATORS_ROUTES),
  },
  {
    path: 'customers',
    loadChildren: () => import('./features/customers/customers.routes').then((m) => m.CUSTOMERS_ROUTES),
  },
  {
    path: 'history',
    loadChildren: () => import('./features/history/history.routes').then((m) => m.HISTORY_ROUTES),
  },
  {
    path: 'favourites',
    loadChildren: () => import('./features/favourites/favourites.routes').then((m) => m.FAVOURITES_ROUTES),
  },
  {
    path: '**',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
    title: `Page not found · ${APP_TITLE}`,
  },
];
