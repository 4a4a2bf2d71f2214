import { describe, expect, test } from 'bun:test';
import { keylessTenantNotice, otlpEndpoints } from './otlp-endpoints.ts';

const info = { otlp_http_port: 14318, otlp_grpc_port: 14317, require_api_key: false };

describe('first-run OTLP endpoints', () => {
  test('the browser host with the ports the server reports; defaults only while unknown or unbound', () => {
    expect(otlpEndpoints('obs.example.com', info)).toEqual({ http: 'http://obs.example.com:14318', grpc: 'http://obs.example.com:14317' });
    expect(otlpEndpoints('10.0.0.5', null)).toEqual({ http: 'http://10.0.0.5:4318', grpc: 'http://10.0.0.5:4317' });
    expect(otlpEndpoints('h', { ...info, otlp_http_port: 0 }).http).toBe('http://h:4318');
    expect(otlpEndpoints('[::1]', info).http).toBe('http://[::1]:14318');
    expect(otlpEndpoints('', info).http).toBe('http://localhost:14318');
  });
  test('only a non-default tenant on a server without required keys is warned', () => {
    expect(keylessTenantNotice('acme', info)).toContain('tenant "default"');
    expect(keylessTenantNotice('acme', info)).toContain('"acme"');
    expect(keylessTenantNotice('default', info)).toBeNull();
    expect(keylessTenantNotice(undefined, info)).toBeNull();
    expect(keylessTenantNotice('acme', { ...info, require_api_key: true })).toBeNull();
    expect(keylessTenantNotice('acme', null)).toBeNull();
  });
});
