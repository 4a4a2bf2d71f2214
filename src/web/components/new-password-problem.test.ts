import { describe, expect, test } from 'bun:test';
import { newPasswordProblem } from './new-password-problem.ts';

describe('newPasswordProblem', () => {
  test('too short, too long, not confirmed, fine', () => {
    expect(newPasswordProblem('1234567', '1234567')).toContain('at least 8');
    expect(newPasswordProblem('x'.repeat(1025), 'x'.repeat(1025))).toContain('at most 1024');
    expect(newPasswordProblem('12345678', '12345679')).toContain('differ');
    expect(newPasswordProblem('12345678', '12345678')).toBeNull();
    expect(newPasswordProblem('x'.repeat(1024), 'x'.repeat(1024))).toBeNull();
  });
});
