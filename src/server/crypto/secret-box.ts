import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets we must be able to read back (Box credentials and webhook keys) are stored encrypted
 * with AES-256-GCM under a key derived from the app's auth secret, so a database dump alone
 * does not hand them out. Values written before this existed (no prefix) read as they are.
 */
const PREFIX = 'enc:v1:';
let key: Buffer | null = null;

/** Called once at start (app and worker) with the auth secret. */
export function configureSecretKey(authSecret: string): void {
  key = createHash('sha256').update(`prodtrack secrets v1\0${authSecret}`).digest();
}

function currentKey(): Buffer {
  if (!key)
    throw new Error('Stored secrets need the app secret: configureSecretKey was not called');
  return key;
}

export function sealSecret(plain: string): string;
export function sealSecret(plain: null | undefined): null;
export function sealSecret(plain: string | null | undefined): string | null;
export function sealSecret(plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined || plain === '') return plain ?? null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export class SecretUnreadableError extends Error {}

export function openSecret(stored: string): string;
export function openSecret(stored: null): null;
export function openSecret(stored: string | null): string | null;
export function openSecret(stored: string | null): string | null {
  if (stored === null || !stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', currentKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadableError(
      'A stored secret cannot be read with this AUTH_SECRET (was it changed?); enter it again',
    );
  }
}
