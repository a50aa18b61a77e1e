import { z } from 'zod';
import { iso, isoRequired } from '../../http/schemas';
import { boxWebFileUrl, boxWebFolderUrl, type BoxConnectionRow } from './box-client';
import type { BoxWebhookEventRow } from './box.repository';

const boxId = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'must be a Box id (digits; 0 is the root folder)');
const secret = z.string().trim().min(1).max(2000);
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .describe('Overrides Box’s public endpoint (tests, proxies); leave empty for Box itself');

export const authModes = ['CLIENT_CREDENTIALS', 'DEVELOPER_TOKEN'] as const;
export type BoxAuthMode = (typeof authModes)[number];

export const connectionInput = z.object({
  name: z.string().trim().min(1).max(120),
  authMode: z
    .enum(authModes)
    .describe(
      'CLIENT_CREDENTIALS: a Box app with client credentials grant (client id, secret, ' +
        'enterprise id); DEVELOPER_TOKEN: a 60-minute developer token, for trying things out',
    ),
  clientId: z.string().trim().max(200).optional(),
  clientSecret: secret.optional().describe('Write-only; omit to keep the stored one'),
  enterpriseId: z.string().trim().max(40).nullable().optional(),
  developerToken: secret.optional().describe('Write-only; omit to keep the stored one'),
  rootFolderId: boxId.describe('Folder pushes go below when a project sets none'),
  webhookPrimaryKey: secret.optional().describe('Write-only; omit to keep the stored one'),
  webhookSecondaryKey: secret
    .nullable()
    .optional()
    .describe('Write-only; omit to keep, null to remove'),
  apiBaseUrl: baseUrl.nullable().optional(),
  uploadBaseUrl: baseUrl.nullable().optional(),
  isEnabled: z.boolean().optional(),
});
export type ConnectionInput = z.infer<typeof connectionInput>;

export const connectionPatch = connectionInput.partial();
export type ConnectionPatch = z.infer<typeof connectionPatch>;

const secretState = z
  .object({ isSet: z.boolean(), last4: z.string().nullable() })
  .describe('A stored secret is never returned: only whether it is set and its last 4 characters');

export const connectionOut = z.object({
  id: z.string(),
  name: z.string(),
  authMode: z.enum(authModes),
  clientId: z.string().nullable(),
  clientSecret: secretState,
  enterpriseId: z.string().nullable(),
  developerToken: secretState,
  rootFolderId: z.string(),
  webhookPrimaryKey: secretState,
  webhookSecondaryKey: secretState,
  apiBaseUrl: z.string().nullable(),
  uploadBaseUrl: z.string().nullable(),
  isEnabled: z.boolean(),
  webhookPath: z.string().describe('Append to the app’s public URL; paste into the Box webhook'),
  webhookUrl: z.string().describe('The address to give Box for this connection’s webhook'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionOut = z.infer<typeof connectionOut>;

const secretOf = (value: string | null | undefined) =>
  value
    ? { isSet: true, last4: value.length > 8 ? value.slice(-4) : null }
    : { isSet: false, last4: null };

export const webhookPath = (connectionId: string) => `/api/webhooks/box/${connectionId}`;

export function presentConnection(c: BoxConnectionRow, appUrl: string): ConnectionOut {
  return {
    id: c.id,
    name: c.name,
    authMode: c.developerToken ? 'DEVELOPER_TOKEN' : 'CLIENT_CREDENTIALS',
    clientId: c.clientId || null,
    clientSecret: secretOf(c.clientSecret),
    enterpriseId: c.enterpriseId,
    developerToken: secretOf(c.developerToken),
    rootFolderId: c.rootFolderId,
    webhookPrimaryKey: secretOf(c.webhookPrimaryKey),
    webhookSecondaryKey: secretOf(c.webhookSecondaryKey),
    apiBaseUrl: c.apiBaseUrl,
    uploadBaseUrl: c.uploadBaseUrl,
    isEnabled: c.isEnabled,
    webhookPath: webhookPath(c.id),
    webhookUrl: `${appUrl}${webhookPath(c.id)}`,
    createdAt: isoRequired(c.createdAt),
    updatedAt: isoRequired(c.updatedAt),
  };
}

export const testResultOut = z.object({
  ok: z.boolean(),
  user: z
    .object({ id: z.string(), name: z.string().nullable(), login: z.string().nullable() })
    .nullable(),
  rootFolder: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  error: z.string().nullable(),
});
export type TestResultOut = z.infer<typeof testResultOut>;

export const webhookEventOut = z.object({
  id: z.string(),
  eventId: z.string(),
  trigger: z.string().nullable(),
  boxFileId: z.string().nullable(),
  fileName: z.string().nullable(),
  status: z.enum(['RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED']),
  error: z.string().nullable(),
  inbound: z
    .object({
      outcome: z.string(),
      reason: z.string().nullable(),
      revisionId: z.string().nullable(),
      holdingPenFileId: z.string().nullable(),
      deliverableId: z.string().nullable(),
    })
    .nullable()
    .describe('What the inbound resolver made of the file'),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});

export function presentEvent(r: {
  event: BoxWebhookEventRow;
  outcome: string | null;
  reason: string | null;
  revisionId: string | null;
  holdingPenFileId: string | null;
  matchedDeliverableId: string | null;
}): z.infer<typeof webhookEventOut> {
  const e = r.event;
  return {
    id: e.id,
    eventId: e.eventId,
    trigger: e.trigger,
    boxFileId: e.boxFileId,
    fileName: e.fileName,
    status: e.status,
    error: e.error,
    inbound: r.outcome
      ? {
          outcome: r.outcome,
          reason: r.reason,
          revisionId: r.revisionId,
          holdingPenFileId: r.holdingPenFileId,
          deliverableId: r.matchedDeliverableId,
        }
      : null,
    receivedAt: isoRequired(e.receivedAt),
    processedAt: iso(e.processedAt),
  };
}

export const pushLogOut = z.object({
  id: z.string(),
  status: z.enum(['PENDING', 'SUCCESS', 'FAILED']),
  attempt: z.number().int(),
  error: z.string().nullable(),
  boxFolderId: z.string().nullable(),
  boxFileId: z.string().nullable(),
  fileName: z.string().nullable(),
  boxFolderUrl: z.string().nullable(),
  boxFileUrl: z.string().nullable(),
  sentAt: z.string(),
});

export function presentPushLog(l: {
  id: string;
  status: 'PENDING' | 'SUCCESS' | 'FAILED';
  attempt: number;
  error: string | null;
  boxFolderId: string | null;
  boxFileId: string | null;
  fileName: string | null;
  sentAt: Date;
}): z.infer<typeof pushLogOut> {
  return {
    id: l.id,
    status: l.status,
    attempt: l.attempt,
    error: l.error,
    boxFolderId: l.boxFolderId,
    boxFileId: l.boxFileId,
    fileName: l.fileName,
    boxFolderUrl: l.boxFolderId ? boxWebFolderUrl(l.boxFolderId) : null,
    boxFileUrl: l.boxFileId ? boxWebFileUrl(l.boxFileId) : null,
    sentAt: isoRequired(l.sentAt),
  };
}

export const projectFolderOut = z.object({
  projectId: z.string(),
  boxFolderId: z.string().nullable(),
});
export const projectFolderInput = z.object({
  boxFolderId: boxId.nullable().describe('null: pushes go below the connection’s root folder'),
});
