/**
 * The password rules of SPEC §8 / API.md (8–1024 characters) plus "typed the same twice",
 * checked in the browser so a form can say what is wrong before asking the server (which
 * checks again and is the authority).
 */

/** Shortest password the server accepts. */
export const MIN_PASSWORD_CHARS = 8;
const MAX_PASSWORD_CHARS = 1024;

/** What is wrong with a new password and its confirmation, or null when nothing is. */
export function newPasswordProblem(password: string, confirmation: string): string | null {
  if (password.length < MIN_PASSWORD_CHARS) return `The new password needs at least ${MIN_PASSWORD_CHARS} characters.`;
  if (password.length > MAX_PASSWORD_CHARS) return `The new password may have at most ${MAX_PASSWORD_CHARS} characters.`;
  if (password !== confirmation) return 'The two new passwords differ.';
  return null;
}
