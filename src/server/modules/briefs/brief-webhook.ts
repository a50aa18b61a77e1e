import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { AppError } from '../../errors';

export interface VerifiedDelivery {
  /** webhook-id: the same on every retry of one message. */
  messageId: string;
}

/**
 * Checks a Standard Webhooks delivery (webhook-id, webhook-timestamp, webhook-signature:
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, ±5 minutes) against the endpoint's secret,
 * over the exact body bytes received. Refusals are 401 with the reason a sender can act on.
 */
/** Refuses (401) a delivery without the three Standard Webhooks headers. */
export function requireSignatureHeaders(headers: Record<string, string | string[] | undefined>) {
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
    if (!headers[name])
      throw new AppError(
        'UNAUTHENTICATED',
        'Sign the delivery: webhook-id, webhook-timestamp and webhook-signature headers are required',
      );
}

export function verifyBriefDelivery(
  secret: string,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
): VerifiedDelivery {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('webhook-id');
  const timestamp = one('webhook-timestamp');
  const signature = one('webhook-signature');
  if (!id || !timestamp || !signature)
    throw new AppError(
      'UNAUTHENTICATED',
      'Sign the delivery: webhook-id, webhook-timestamp and webhook-signature headers are required',
    );
  try {
    new Webhook(secret).verify(
      rawBody,
      { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
      { jsonParse: false },
    );
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
    if (/timestamp too (old|new)/i.test(err.message))
      throw new AppError(
        'UNAUTHENTICATED',
        'The webhook timestamp is more than 5 minutes from our clock; deliveries are refused outside that window',
      );
    if (/Invalid Signature Headers/i.test(err.message))
      throw new AppError('UNAUTHENTICATED', 'webhook-timestamp must be Unix seconds');
    throw new AppError('UNAUTHENTICATED', 'The webhook signature does not match this endpoint');
  }
  return { messageId: id };
}

/** Signs a body as a sender would (tests and the settings page's example). */
export function signBriefDelivery(secret: string, messageId: string, at: Date, body: string) {
  return new Webhook(secret).sign(messageId, at, body);
}
