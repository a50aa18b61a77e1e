/** The prodtrack database schema (drizzle-kit reads this file; see drizzle.config.ts). */
export * from './enums';
export * from './auth';
export * from './organizations';
export * from './pipelines';
export * from './projects';
export * from './deliverables';
export * from './revisions';
export * from './review';
export * from './notifications';
export * from './planning';
export * from './automation';
export * from './integrations';
export * from './search';
export * from './relations';
