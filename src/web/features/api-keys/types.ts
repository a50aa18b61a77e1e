export type ApiKeyRole = 'ADMIN' | 'PRODUCER' | 'ARTIST';

export interface ApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** The first characters of the key, to recognise it. */
  keyPrefix: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to a create: the only time the full key is seen. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface WebhookEndpoint {
  id: string;
  name: string;
  kind: 'BRIEFS';
  isEnabled: boolean;
  /** Relative to the app's origin. */
  path: string;
  createdAt: string;
}

export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  secret: string;
}
