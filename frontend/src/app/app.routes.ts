import { type Routes } from '@angular/router';

import { authGuard, guestGuard, roleGuard } from './core/auth/auth.guards';
import { HomePage } from './features/home/home-page';

export const APP_TITLE = 'Open Transport Hub';

function title(page: string): string {
  return `${page} · ${APP_TITLE}`;
}

export const APP_ROUTES: Routes = [
  { path: '', pathMatch: 'full', component: HomePage, title: APP_TITLE },
  {
    path: 'operators',
    canActivate: [authGuard],
    loadChildren: () => import('./features/operators/operators.routes').then((m) => m.OPERATORS_ROUTES),
  },
  {
    path: 'modes',
    canActivate: [authGuard],
    loadChildren: () => import('./features/operators/operators.routes').then((m) => m.MODES_ROUTES),
  },
  {
    path: 'customers',
    canActivate: [roleGuard('admin', 'operator')],
    loadChildren: () => import('./features/customers/customers.routes').then((m) => m.CUSTOMERS_ROUTES),
  },
  {
    path: 'history',
    canActivate: [authGuard],
    loadChildren: () => import('./features/history/history.routes').then((m) => m.HISTORY_ROUTES),
  },
  {
    path: 'favourites',
    canActivate: [authGuard],
    loadChildren: () => import('./features/favourites/favourites.routes').then((m) => m.FAVOURITES_ROUTES),
  },
  {
    // Public: the account owner's answer to an emailed link request (no login, no staff navigation).
    path: 'link',
    loadChildren: () => import('./features/account-linking/link.routes').then((m) => m.LINK_ROUTES),
  },
  {
    path: 'login',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login-page').then((m) => m.LoginPage),
    title: title('Sign in'),
  },
  {
    path: 'register',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register-page').then((m) => m.RegisterPage),
    title: title('Create an account'),
  },
  {
    path: 'verify-email',
    loadComponent: () => import('./features/auth/verify-email-page').then((m) => m.VerifyEmailPage),
    title: title('Verify your email address'),
  },
  {
    path: 'forgot-password',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/forgot-password-page').then((m) => m.ForgotPasswordPage),
    title: title('Forgot password'),
  },
  {
    path: 'reset-password',
    loadComponent: () => import('./features/auth/reset-password-page').then((m) => m.ResetPasswordPage),
    title: title('Choose a new password'),
  },
  {
    path: 'accept-invitation',
    loadComponent: () => import('./features/auth/accept-invitation-page').then((m) => m.AcceptInvitationPage),
    title: title('Accept your invitation'),
  },
  {
    path: 'profile',
    canActivate: [authGuard],
    loadComponent: () => import('./features/profile/profile-page').then((m) => m.ProfilePage),
    title: title('Profile'),
  },
  {
    path: 'admin',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'forbidden',
    loadComponent: () => import('./features/forbidden/forbidden-page').then((m) => m.ForbiddenPage),
    title: title('Not allowed'),
  },
  {
    path: '**',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
    title: title('Page not found'),
  },
];
