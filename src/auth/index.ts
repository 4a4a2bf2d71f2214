/**
 * auth/: who may do what. Passwords (argon2id via `Bun.password`, password-hasher.ts),
 * session tokens (JWT HS256 via jose, token-service.ts), the secret files
 * (secret-files.ts: the only filesystem access), login rate limiting, throttling of
 * username probes across tenants, API keys for ingest, first-run admin bootstrap, and
 * the `Principal` with its role checks.
 * Start reading at authenticator.ts.
 */
export * from './errors.ts';
export * from './password-hasher.ts';
export * from './token-service.ts';
export * from './secret-files.ts';
export * from './failure-window.ts';
export * from './login-rate-limiter.ts';
export * from './username-probe-limiter.ts';
export * from './principal.ts';
export * from './authenticator.ts';
export * from './api-keys.ts';
export * from './bootstrap-admin.ts';
export { sha256Hex } from './sha256-hex.ts';
