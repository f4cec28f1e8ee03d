import { type Routes } from '@angular/router';

import { PUBLIC_LAYOUT } from '../../core/layout/shell-layout';
import { LinkConfirmPage } from './link-confirm-page';
import { takeLinkToken } from './link-token';

/** Public pages of account linking (no login): the account owner's answer to an emailed request. */
export const LINK_ROUTES: Routes = [
  {
    path: 'confirm',
    canActivate: [takeLinkToken],
    component: LinkConfirmPage,
    title: 'Confirm an account link · Open Transport Hub',
    data: PUBLIC_LAYOUT,
  },
];
