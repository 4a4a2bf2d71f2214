import { describe, expect, test } from 'bun:test';
import { clientInfo } from './client-info.ts';

const URL_HTTP = new URL('http://127.0.0.1:3100/api/v1/auth/login');

function info(headers: Record<string, string>, peer: string | null = '127.0.0.1') {
  return clientInfo(new Request(URL_HTTP, { headers }), URL_HTTP, peer);
}

describe('clientInfo', () => {
  test('X-Forwarded-For from a local proxy: the rightmost entry, the one the proxy appended (review finding 3)', () => {
    // nginx's $proxy_add_x_forwarded_for appends the real peer after whatever the client sent.
    expect(info({ 'x-forwarded-for': '203.0.113.66, 198.51.100.7' }).address).toBe('198.51.100.7');
    expect(info({ 'x-forwarded-for': '198.51.100.7' }).address).toBe('198.51.100.7');
    expect(info({ 'x-forwarded-for': 'spoofed,  2001:db8::1 ' }).address).toBe('2001:db8::1');
  });

  test('Forwarded: the last element describes the peer of the nearest proxy', () => {
    expect(info({ forwarded: 'for=203.0.113.66;proto=https, for="198.51.100.7:4711";proto=http' }).address).toBe('198.51.100.7');
    expect(info({ forwarded: 'for="[2001:db8::7]:4711"' }).address).toBe('2001:db8::7');
  });

  test('a forwarded value that is not an IP address is ignored (bounded keys for the rate limiter)', () => {
    expect(info({ 'x-forwarded-for': 'x'.repeat(5000) }).address).toBe('127.0.0.1');
    expect(info({ 'x-forwarded-for': '198.51.100.7, unknown' }).address).toBe('127.0.0.1');
    expect(info({ forwarded: 'for=_hidden' }).address).toBe('127.0.0.1');
  });

  test('headers are ignored from a peer that is not on this machine', () => {
    expect(info({ 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' }, '192.0.2.1')).toEqual({ address: '192.0.2.1', secure: false });
  });

  test('the scheme comes from the proxy nearest to us', () => {
    expect(info({ 'x-forwarded-proto': 'https' }).secure).toBe(true);
    expect(info({ 'x-forwarded-proto': 'https, http' }).secure).toBe(false);
    expect(info({ forwarded: 'for=198.51.100.7;proto=https' }).secure).toBe(true);
  });
});
