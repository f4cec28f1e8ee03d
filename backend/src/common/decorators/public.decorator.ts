import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Opts a route (or a whole controller) out of the global authentication guard. It is the only way out: a route
 * without it requires a valid token once the auth guard is registered.
 */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
