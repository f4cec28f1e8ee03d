import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';

import { AuthStore } from './auth-store';

/** App start: try the refresh cookie once so that a reload keeps the user signed in; failure is ignored. */
export function provideAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAppInitializer(async () => {
      await inject(AuthStore).restore();
    }),
  ]);
}
