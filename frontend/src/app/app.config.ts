import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { APP_ROUTES } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { provideReloadOnPageRestore } from './core/auth/page-restore';
import { provideAuth } from './core/auth/provide-auth';
import { querySourceInterceptor } from './core/query-tool/query-source';
import { quotaInterceptor } from './core/quota/quota.interceptor';

/** Application-wide providers. Functional guards/interceptors are composed here. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(APP_ROUTES, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([querySourceInterceptor, quotaInterceptor, authInterceptor])),
    provideAuth(),
    provideReloadOnPageRestore(),
  ],
};
