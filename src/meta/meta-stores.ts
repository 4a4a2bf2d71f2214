/**
 * Every store over one open metadata database: what server.ts builds at start and the
 * CLI builds for `pharlux user`.
 */
import type { Clock } from '../common/index.ts';
import { AlertRuleStore } from './alert-rule-store.ts';
import { ApiKeyStore } from './api-key-store.ts';
import { DashboardStore } from './dashboard-store.ts';
import type { MetaDb } from './db.ts';
import { RevokedTokenStore } from './revoked-token-store.ts';
import { SavedQueryStore } from './saved-query-store.ts';
import { UserStore } from './user-store.ts';

export interface MetaStores {
  readonly db: MetaDb;
  readonly users: UserStore;
  readonly apiKeys: ApiKeyStore;
  readonly savedQueries: SavedQueryStore;
  readonly dashboards: DashboardStore;
  readonly alertRules: AlertRuleStore;
  readonly revokedTokens: RevokedTokenStore;
}

/** Builds the stores over `db`. */
export function createMetaStores(db: MetaDb, clock: Clock): MetaStores {
  return {
    db,
    users: new UserStore(db, clock),
    apiKeys: new ApiKeyStore(db, clock),
    savedQueries: new SavedQueryStore(db, clock),
    dashboards: new DashboardStore(db, clock),
    alertRules: new AlertRuleStore(db, clock),
    revokedTokens: new RevokedTokenStore(db),
  };
}
