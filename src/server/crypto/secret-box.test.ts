import { describe, expect, it } from 'vitest';
import { configureSecretKey, openSecret, sealSecret, SecretUnreadableError } from './secret-box';

describe('secret box', () => {
  it('round-trips, never stores the plain text, and differs every time', () => {
    configureSecretKey('one secret');
    const a = sealSecret('client-secret-123');
    const b = sealSecret('client-secret-123');
    expect(a).toMatch(/^enc:v1:/);
    expect(a).not.toContain('client-secret-123');
    expect(a).not.toBe(b);
    expect(openSecret(a)).toBe('client-secret-123');
  });

  it('reads values stored before encryption as they are, and keeps null and empty', () => {
    configureSecretKey('one secret');
    expect(openSecret('plain-old-value')).toBe('plain-old-value');
    expect(sealSecret(null)).toBeNull();
    expect(sealSecret('')).toBe('');
    expect(openSecret(null)).toBeNull();
  });

  it('refuses to read under another key, or tampered', () => {
    configureSecretKey('one secret');
    const sealed = sealSecret('token');
    configureSecretKey('another secret');
    expect(() => openSecret(sealed)).toThrow(SecretUnreadableError);
    configureSecretKey('one secret');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(flipped)).toThrow(SecretUnreadableError);
  });
});
