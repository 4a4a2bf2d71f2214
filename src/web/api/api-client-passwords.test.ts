import { describe, expect, test } from 'bun:test';
import { ApiClient } from './api-client.ts';
import { ApiRequestError } from './api-error.ts';

describe('ApiClient password methods', () => {
  test('changePassword posts both passwords; a 403 (wrong current password) is an error, not a sign-out', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    let unauthorized = 0;
    const api = new ApiClient({
      fetch: async (url, init) => {
        sent.push({ url, init });
        return Response.json({ error: { code: 'forbidden', message: 'the current password is wrong' } }, { status: 403 });
      },
      onUnauthorized: () => void unauthorized++,
    });
    const err = await api.changePassword('old-password', 'new-password').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).status).toBe(403);
    expect(unauthorized).toBe(0);
    expect(sent[0].url).toBe('/api/v1/auth/password');
    expect(sent[0].init.method).toBe('POST');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ current_password: 'old-password', new_password: 'new-password' });
  });

  test('resetUserPassword replaces the user with the same name and role plus the password', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const api = new ApiClient({
      fetch: async (url, init) => {
        sent.push({ url, init });
        return Response.json({ id: 'u/1', username: 'rita', role: 'reader' });
      },
    });
    await api.resetUserPassword({ id: 'u/1', username: 'rita', role: 'reader' }, 'long-enough-1');
    expect(sent[0].url).toBe('/api/v1/admin/users/u%2F1');
    expect(sent[0].init.method).toBe('PUT');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ username: 'rita', role: 'reader', password: 'long-enough-1' });
  });
});
