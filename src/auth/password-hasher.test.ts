import { describe, expect, test } from 'bun:test';
import { PasswordPolicyError } from './errors.ts';
import { createArgon2idHasher, validatePassword } from './password-hasher.ts';

describe('argon2id hasher', () => {
  test('hashes with argon2id m=19 MiB t=2 and verifies', async () => {
    const hasher = createArgon2idHasher();
    const hash = await hasher.hash('correct horse');
    expect(hash).toStartWith('$argon2id$v=19$m=19456,t=2,');
    expect(await hasher.verify('correct horse', hash)).toBe(true);
    expect(await hasher.verify('wrong horse', hash)).toBe(false);
    expect(await hasher.verify('x', 'not a hash')).toBe(false);
  });

  test('password policy', () => {
    expect(() => validatePassword('short')).toThrow(PasswordPolicyError);
    expect(() => validatePassword('x'.repeat(1025))).toThrow(PasswordPolicyError);
    expect(validatePassword('longenough')).toBe('longenough');
  });
});
