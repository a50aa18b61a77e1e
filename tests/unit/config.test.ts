import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/server/config';

describe('config', () => {
  it('defaults to the embedded database on port 3000', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.databaseKind).toBe('pglite');
    expect(c.appUrl).toBe('http://localhost:3000');
    expect(c.oidcEnabled).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).databaseKind).toBe('postgres');
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).databaseKind).toBe('pglite');
  });

  it('names the bad variable', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => parseConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => parseConfig({ SMTP_URL: 'http://x' })).toThrow(/SMTP_URL/);
    expect(() => parseConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });

  it('requires the three OIDC settings together', () => {
    expect(() => parseConfig({ OIDC_ISSUER: 'https://idp.test' })).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    );
    const c = parseConfig({
      OIDC_ISSUER: 'https://idp.test',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
    });
    expect(c.oidcEnabled).toBe(true);
  });

  it('trims a trailing slash from APP_URL', () => {
    expect(parseConfig({ APP_URL: 'https://pt.example.com/' }).appUrl).toBe(
      'https://pt.example.com',
    );
  });
});
