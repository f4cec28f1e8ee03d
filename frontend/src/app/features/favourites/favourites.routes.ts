import { type Routes } from '@angular/router';

import { FavouritesPage } from './favourites-page';

export const FAVOURITES_ROUTES: Routes = [
  { path: '', component: FavouritesPage, title: 'Favourites · Open Transport Hub' },
];
