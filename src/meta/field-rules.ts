/**
 * Rules every metadata store applies to the fields it is given: tenant names (which
 * become directory names `tenant=<t>` in storage), object names, and text size caps.
 */
import { MetaValidationError } from './errors.ts';

/** The tenant every single-tenant install uses. */
export const DEFAULT_TENANT = 'default';

const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const MAX_NAME_CHARS = 200;

/** Checks a tenant name: lowercase letters, digits, `_` and `-`, 1–63 chars, starting alphanumeric. */
export function validateTenant(tenant: string): string {
  if (!TENANT_PATTERN.test(tenant)) {
    throw new MetaValidationError(`tenant "${tenant}" is invalid: use 1-63 lowercase letters, digits, "_" or "-", starting with a letter or digit`);
  }
  return tenant;
}

/** Checks an object name: trimmed, non-empty, at most 200 characters, no control characters. */
export function validateName(kind: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new MetaValidationError(`${kind} name must not be empty`);
  if (trimmed.length > MAX_NAME_CHARS) throw new MetaValidationError(`${kind} name is longer than ${MAX_NAME_CHARS} characters`);
  // eslint-style rule kept by hand: names show up in logs and tables, so no control characters.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new MetaValidationError(`${kind} name contains control characters`);
  return trimmed;
}

/** Checks a free-text field against a size cap. */
export function validateText(field: string, value: string, maxChars: number): string {
  if (value.length > maxChars) throw new MetaValidationError(`${field} is longer than ${maxChars} characters`);
  return value;
}
