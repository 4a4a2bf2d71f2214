/**
 * Session tokens ended by logout. JWTs are stateless, so logout records the token's hash
 * until the moment it would have expired anyway; expired entries are pruned.
 */
import type { MetaDb } from './db.ts';

export class RevokedTokenStore {
  constructor(private readonly db: MetaDb) {}

  /** Records a token hash as revoked until `expiresAtS` (Unix seconds). */
  revoke(tokenHash: string, expiresAtS: number): void {
    this.db.run('INSERT OR REPLACE INTO revoked_tokens (token_hash, expires_at_s) VALUES ($hash, $exp)', { hash: tokenHash, exp: expiresAtS });
  }

  isRevoked(tokenHash: string): boolean {
    return this.db.get<{ one: number }>('SELECT 1 AS one FROM revoked_tokens WHERE token_hash = $hash', { hash: tokenHash }) !== null;
  }

  /** Forgets tokens that expired before `nowS`; returns how many. */
  prune(nowS: number): number {
    return this.db.run('DELETE FROM revoked_tokens WHERE expires_at_s < $now', { now: nowS });
  }
}
