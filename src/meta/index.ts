/**
 * meta/: the metadata database (SQLite, `<data_dir>/meta.sqlite`, WAL mode, numbered
 * migrations) and one store per entity: users, API keys, saved queries, dashboards,
 * alert rules, revoked session tokens. Stores validate their fields and scope every
 * read and write by tenant; another tenant's id is `MetaNotFoundError`.
 * Start reading at db.ts, then meta-stores.ts. Dashboard layout: FORMAT-dashboards.md.
 */
export { openMetaDb, MetaStorageError, type MetaDb, type OpenMetaDbOptions, type SqlParams } from './db.ts';
export { MIGRATIONS, type Migration } from './migrations/index.ts';
export * from './errors.ts';
export * from './field-rules.ts';
export * from './user-store.ts';
export * from './api-key-store.ts';
export * from './saved-query-store.ts';
export * from './dashboard-layout.ts';
export * from './dashboard-store.ts';
export * from './alert-rule-store.ts';
export * from './revoked-token-store.ts';
export * from './meta-stores.ts';
