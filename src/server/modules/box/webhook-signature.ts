import { createHmac, timingSafeEqual } from 'node:crypto';

/** Deliveries older than this are refused (replays of captured requests). */
export const BOX_WEBHOOK_MAX_AGE_SECONDS = 10 * 60;
/** Clock skew tolerated the other way (a timestamp from the future). */
export const BOX_WEBHOOK_MAX_SKEW_SECONDS = 5 * 60;

export interface BoxSignatureHeaders {
  timestamp: string | undefined;
  primary: string | undefined;
  secondary: string | undefined;
  version?: string | undefined;
  algorithm?: string | undefined;
}

export type BoxSignatureCheck =
  { ok: true; key: 'primary' | 'secondary' } | { ok: false; reason: string };

/** base64(HMAC-SHA256(key, body bytes ‖ BOX-DELIVERY-TIMESTAMP bytes)), Box's V2 scheme. */
export function signBoxWebhook(key: string, body: Buffer | string, timestamp: string): string {
  return createHmac('sha256', key).update(body).update(timestamp, 'utf8').digest('base64');
}

function sameSignature(expected: string, received: string | undefined): boolean {
  if (!received) return false;
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(received.trim(), 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Box Webhook V2 verification over the raw body bytes: BOX-SIGNATURE-PRIMARY with the primary
 * key or BOX-SIGNATURE-SECONDARY with the secondary key (two keys, so one can be rotated while
 * the other keeps working), compared in constant time; the delivery timestamp must be recent.
 */
export function verifyBoxWebhook(
  rawBody: Buffer,
  headers: BoxSignatureHeaders,
  keys: { primary: string; secondary: string | null },
  now: Date = new Date(),
): BoxSignatureCheck {
  if (headers.version !== undefined && headers.version !== '1')
    return { ok: false, reason: `Unsupported BOX-SIGNATURE-VERSION ${headers.version}` };
  if (headers.algorithm !== undefined && headers.algorithm !== 'HmacSHA256')
    return { ok: false, reason: `Unsupported BOX-SIGNATURE-ALGORITHM ${headers.algorithm}` };
  if (!headers.timestamp) return { ok: false, reason: 'BOX-DELIVERY-TIMESTAMP is missing' };
  const sentAt = Date.parse(headers.timestamp);
  if (Number.isNaN(sentAt))
    return { ok: false, reason: 'BOX-DELIVERY-TIMESTAMP is not an RFC 3339 timestamp' };
  const ageSeconds = (now.getTime() - sentAt) / 1000;
  if (ageSeconds > BOX_WEBHOOK_MAX_AGE_SECONDS)
    return { ok: false, reason: 'The delivery is older than 10 minutes' };
  if (ageSeconds < -BOX_WEBHOOK_MAX_SKEW_SECONDS)
    return { ok: false, reason: 'The delivery timestamp is in the future' };
  if (!headers.primary && !headers.secondary)
    return { ok: false, reason: 'The delivery is not signed' };
  // Both are computed whatever the outcome, so timing does not tell which key matched.
  const primaryOk = sameSignature(
    signBoxWebhook(keys.primary, rawBody, headers.timestamp),
    headers.primary,
  );
  const secondaryOk =
    keys.secondary !== null &&
    sameSignature(signBoxWebhook(keys.secondary, rawBody, headers.timestamp), headers.secondary);
  if (primaryOk) return { ok: true, key: 'primary' };
  if (secondaryOk) return { ok: true, key: 'secondary' };
  return { ok: false, reason: 'The signature does not match the connection keys' };
}
