// Every table, for the drizzle client (app/lib/db.server.ts), the seeds and the tests. Application
// code imports the schema file of its own capability instead (eslint.config.js enforces it).
export * from './accounts';
export * from './audit';
export * from './catalog';
export * from './delivery';
export * from './evaluation';
export * from './incubation';
export * from './invitations';
export * from './notifications';
export * from './organizations';
export * from './payments';
export * from './platform';
export * from './procurement';
export * from './reports';
export * from './risk';
export * from './unions';
