// Migrations, one generated set per driver, in order.
export const SQLITE_MIGRATIONS: Function[] = [];
export const POSTGRES_MIGRATIONS: Function[] = [];
