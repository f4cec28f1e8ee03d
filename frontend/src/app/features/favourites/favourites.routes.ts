import { type Routes } from '@angular/router';

import { FavouriteRunPage } from './favourite-run-page';
import { FavouritesPage } from './favourites-page';

/** `/favourites` and a favourite's own URL; the parent route in APP_ROUTES requires a session. */
export const FAVOURITES_ROUTES: Routes = [
  { path: '', component: FavouritesPage, title: 'Favourites · Open Transport Hub' },
  { path: ':id', component: FavouriteRunPage, title: 'Favourite · Open Transport Hub' },
];
