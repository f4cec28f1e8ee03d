import { AppConfig } from './app-config';

/**
 * Injection token for the validated configuration: inject `AppConfigService` and read typed settings from it.
 * The value is the object `loadConfig()` built at start-up (see ConfigModule).
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class, @typescript-eslint/no-unsafe-declaration-merging
export abstract class AppConfigService {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfigService extends AppConfig {}
