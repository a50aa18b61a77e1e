/** Box connections, webhook deliveries and pushes, as the API answers them. */

export type BoxAuthMode = 'CLIENT_CREDENTIALS' | 'DEVELOPER_TOKEN';

/** A stored secret: never its value, only whether it is set and its last 4 characters. */
export interface SecretState {
  isSet: boolean;
  last4: string | null;
}

export interface BoxConnection {
  id: string;
  name: string;
  authMode: BoxAuthMode;
  clientId: string | null;
  clientSecret: SecretState;
  enterpriseId: string | null;
  developerToken: SecretState;
  rootFolderId: string;
  webhookPrimaryKey: SecretState;
  webhookSecondaryKey: SecretState;
  apiBaseUrl: string | null;
  uploadBaseUrl: string | null;
  isEnabled: boolean;
  webhookPath: string;
  webhookUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface BoxConnectionInput {
  name?: string;
  authMode?: BoxAuthMode;
  clientId?: string;
  clientSecret?: string;
  enterpriseId?: string | null;
  developerToken?: string;
  rootFolderId?: string;
  webhookPrimaryKey?: string;
  webhookSecondaryKey?: string | null;
  apiBaseUrl?: string | null;
  uploadBaseUrl?: string | null;
  isEnabled?: boolean;
}

export interface BoxTestResult {
  ok: boolean;
  user: { id: string; name: string | null; login: string | null } | null;
  rootFolder: { id: string; name: string | null } | null;
  error: string | null;
}

export interface BoxWebhookEvent {
  id: string;
  eventId: string;
  trigger: string | null;
  boxFileId: string | null;
  fileName: string | null;
  status: 'RECEIVED' | 'PROCESSED' | 'IGNORED' | 'FAILED';
  error: string | null;
  inbound: {
    outcome: string;
    reason: string | null;
    revisionId: string | null;
    holdingPenFileId: string | null;
    deliverableId: string | null;
  } | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface BoxPush {
  id: string;
  status: 'PENDING' | 'SUCCESS' | 'FAILED';
  attempt: number;
  error: string | null;
  boxFolderId: string | null;
  boxFileId: string | null;
  fileName: string | null;
  boxFolderUrl: string | null;
  boxFileUrl: string | null;
  sentAt: string;
}

export interface BoxPushLog {
  items: BoxPush[];
  nextCursor: null;
  canRetry: boolean;
}
