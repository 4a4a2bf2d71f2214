/**
 * Users: login name (global, because login carries no tenant), tenant, role and the
 * argon2id hash (computed by auth/, never returned by `User`).
 */
import type { Clock } from '../common/index.ts';
import type { MetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError, UsernameTakenError } from './errors.ts';
import { validateTenant } from './field-rules.ts';
import { BOOTSTRAP_ADMIN_USERNAME, removeInitialAdminPassword } from './user-store-initial-password.ts';

// Re-exported so meta/index.ts (which exports this file) carries them to auth/'s bootstrap.
export { BOOTSTRAP_ADMIN_USERNAME, INITIAL_ADMIN_PASSWORD_FILE } from './user-store-initial-password.ts';

export type Role = 'admin' | 'reader';
export const ROLES: readonly Role[] = ['admin', 'reader'];

/** A user as the API shows it (no hash). */
export interface User {
  readonly id: string;
  readonly tenant: string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A user with what authentication needs. */
export interface UserCredentials extends User {
  readonly passwordHash: string;
  /** Tokens with `iat` before this (Unix seconds) are rejected. */
  readonly sessionsValidAfterS: number;
  /** Raised by every password change; tokens carrying another value are rejected. */
  readonly sessionGeneration: number;
}

export interface NewUser {
  readonly tenant: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
}

interface UserRow {
  id: string;
  tenant: string;
  username: string;
  password_hash: string;
  role: Role;
  sessions_valid_after_s: number;
  session_generation: number;
  created_at: string;
  updated_at: string;
}

const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** How much of a rejected username an error message repeats: it is caller input of any size. */
const SHOWN_USERNAME_CHARS = 64;

/** True for a name a user can have: 1–64 letters, digits, `.`, `_`, `@`, `-`, starting alphanumeric. */
export function isValidUsername(username: string): boolean {
  // Length first: the pattern would scan a huge string only to reject it.
  return username.length <= 64 && USERNAME_PATTERN.test(username);
}

/** Checks a username: 1–64 letters, digits, `.`, `_`, `@`, `-`, starting alphanumeric. */
export function validateUsername(username: string): string {
  if (!isValidUsername(username)) {
    const shown = username.length > SHOWN_USERNAME_CHARS ? `${username.slice(0, SHOWN_USERNAME_CHARS)}…` : username;
    throw new MetaValidationError(`username "${shown}" is invalid: use 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit`);
  }
  return username;
}

/** Checks that a role is `admin` or `reader`. */
export function validateRole(role: string): Role {
  if (role !== 'admin' && role !== 'reader') throw new MetaValidationError(`role must be "admin" or "reader", got "${role}"`);
  return role;
}

function toUser(r: UserRow): User {
  return { id: r.id, tenant: r.tenant, username: r.username, role: r.role, createdAt: r.created_at, updatedAt: r.updated_at };
}

function toCredentials(r: UserRow): UserCredentials {
  return { ...toUser(r), passwordHash: r.password_hash, sessionsValidAfterS: r.sessions_valid_after_s, sessionGeneration: r.session_generation };
}

export class UserStore {
  constructor(
    private readonly db: MetaDb,
    private readonly clock: Clock,
  ) {}

  /** Number of users in all tenants (0 means first run). */
  count(): number {
    return this.db.get<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0;
  }

  /** Creates a user; 409 when the username is taken in any tenant. */
  create(input: NewUser): User {
    const tenant = validateTenant(input.tenant);
    const username = validateUsername(input.username);
    const role = validateRole(input.role);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      if (this.findByUsername(username) !== null) throw new UsernameTakenError(username);
      const id = crypto.randomUUID();
      this.db.run(
        `INSERT INTO users (id, tenant, username, password_hash, role, created_at, updated_at)
         VALUES ($id, $tenant, $username, $hash, $role, $now, $now)`,
        { id, tenant, username, hash: input.passwordHash, role, now },
      );
      return this.get(tenant, id);
    });
  }

  /** Users of one tenant, by username. */
  list(tenant: string): User[] {
    return this.db.all<UserRow>('SELECT * FROM users WHERE tenant = $tenant ORDER BY username', { tenant }).map(toUser);
  }

  /** Users of every tenant (for the CLI). */
  listAll(): User[] {
    return this.db.all<UserRow>('SELECT * FROM users ORDER BY tenant, username').map(toUser);
  }

  /** One user of the tenant; 404 otherwise. */
  get(tenant: string, id: string): User {
    const row = this.db.get<UserRow>('SELECT * FROM users WHERE id = $id AND tenant = $tenant', { id, tenant });
    if (row === null) throw new MetaNotFoundError('user');
    return toUser(row);
  }

  /** Credentials by id, any tenant (the token says which tenant; the caller compares). */
  findById(id: string): UserCredentials | null {
    const row = this.db.get<UserRow>('SELECT * FROM users WHERE id = $id', { id });
    return row === null ? null : toCredentials(row);
  }

  /** Credentials by login name. */
  findByUsername(username: string): UserCredentials | null {
    const row = this.db.get<UserRow>('SELECT * FROM users WHERE username = $username', { username });
    return row === null ? null : toCredentials(row);
  }

  /** Replaces username and role (and the hash when given); keeps at least one admin per tenant. */
  update(tenant: string, id: string, changes: { username: string; role: Role; passwordHash?: string }): User {
    const username = validateUsername(changes.username);
    const role = validateRole(changes.role);
    const now = new Date(this.clock.nowMs()).toISOString();
    let previousUsername = '';
    const updated = this.db.transaction(() => {
      const current = this.get(tenant, id);
      previousUsername = current.username;
      const other = this.findByUsername(username);
      if (other !== null && other.id !== id) throw new UsernameTakenError(username);
      if (current.role === 'admin' && role !== 'admin') this.assertNotLastAdmin(tenant, id);
      this.db.run('UPDATE users SET username = $username, role = $role, updated_at = $now WHERE id = $id', { id, username, role, now });
      if (changes.passwordHash !== undefined) this.writePassword(id, changes.passwordHash);
      return this.get(tenant, id);
    });
    if (changes.passwordHash !== undefined) this.afterPasswordChange(previousUsername);
    return updated;
  }

  /**
   * Sets a new password hash and invalidates the user's existing sessions. For the user
   * `admin` it also removes `<data_dir>/initial-admin-password`, which now holds a stale password.
   */
  setPassword(tenant: string, id: string, passwordHash: string): User {
    const updated = this.db.transaction(() => {
      this.get(tenant, id);
      this.writePassword(id, passwordHash);
      return this.get(tenant, id);
    });
    this.afterPasswordChange(updated.username);
    return updated;
  }

  /** Deletes a user (and their saved queries); refuses to delete a tenant's last admin. */
  delete(tenant: string, id: string): void {
    this.db.transaction(() => {
      const user = this.get(tenant, id);
      if (user.role === 'admin') this.assertNotLastAdmin(tenant, id);
      this.db.run('DELETE FROM users WHERE id = $id', { id });
    });
  }

  /** After the commit, so a rolled-back change never removes the file. */
  private afterPasswordChange(usernameBefore: string): void {
    if (usernameBefore === BOOTSTRAP_ADMIN_USERNAME) removeInitialAdminPassword(this.db);
  }

  private writePassword(id: string, passwordHash: string): void {
    const nowS = Math.floor(this.clock.nowMs() / 1000);
    const now = new Date(this.clock.nowMs()).toISOString();
    this.db.run('UPDATE users SET password_hash = $hash, sessions_valid_after_s = $nowS, session_generation = session_generation + 1, updated_at = $now WHERE id = $id', {
      id,
      hash: passwordHash,
      nowS,
      now,
    });
  }

  private assertNotLastAdmin(tenant: string, id: string): void {
    const others = this.db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE tenant = $tenant AND role = 'admin' AND id != $id", { tenant, id });
    if ((others?.n ?? 0) === 0) throw new MetaConflictError(`cannot remove the last admin of tenant "${tenant}"; create another admin first`);
  }
}
