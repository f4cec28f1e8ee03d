// Every TypeORM entity of the app, in one list (DataSource options and the migration drift test use it).
export const ENTITIES: Function[] = [];
