export * from './app-error';
export * from './common.errors';
export * from './error-response.dto';
export * from './all-exceptions.filter';
