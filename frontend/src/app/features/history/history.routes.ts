import { type Routes } from '@angular/router';

import { HistoryPage } from './history-page';

export const HISTORY_ROUTES: Routes = [{ path: '', component: HistoryPage, title: 'History · Open Transport Hub' }];
