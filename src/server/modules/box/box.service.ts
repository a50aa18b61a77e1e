import { requireAnyPermission, requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import type { JobQueue } from '../../jobs/queue';
import type { BlobStore } from '../../storage/blob-store';
import { revisionRepo } from '../revisions/revision.repository';
import {
  deliverRevision,
  isDeliveryInProgress,
  latestDelivery,
  type DeliveryOutcome,
} from '../revisions/delivery';
import { createBoxClient, describeBoxError, type BoxConnectionRow } from './box-client';
import { boxRepo } from './box.repository';
import {
  presentConnection,
  presentEvent,
  presentPushLog,
  type ConnectionInput,
  type ConnectionOut,
  type ConnectionPatch,
  type TestResultOut,
} from './box.schemas';
import { verifyBoxWebhook, type BoxSignatureHeaders } from './webhook-signature';

/** Box triggers that bring a file in; anything else is stored and ignored. */
const FILE_TRIGGERS = new Set(['FILE.UPLOADED', 'FILE.COPIED', 'FILE.MOVED']);

interface BoxWebhookBody {
  id: string;
  trigger: string | null;
  source: { id: string | null; type: string | null; name: string | null };
}

function parseWebhookBody(raw: Buffer): BoxWebhookBody {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The delivery body is not JSON');
  }
  const b = body as {
    id?: unknown;
    trigger?: unknown;
    source?: { id?: unknown; type?: unknown; name?: unknown } | null;
  };
  const str = (v: unknown) =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  const id = str(b?.id);
  if (!id) throw badRequest('The delivery has no event id');
  return {
    id: id.slice(0, 200),
    trigger: str(b.trigger)?.slice(0, 100) ?? null,
    source: {
      id: str(b.source?.id)?.slice(0, 40) ?? null,
      type: str(b.source?.type),
      name: str(b.source?.name)?.slice(0, 300) ?? null,
    },
  };
}

/**
 * Box connections (INTEGRATION_MANAGE), webhook deliveries in, and the producer's side of
 * pushes out (the push log of a revision, retry by hand). The push itself is
 * `deliverRevision`, run by the `delivery.push` job.
 */
export class BoxService {
  constructor(
    private readonly db: Db,
    private readonly appUrl: string,
    private readonly queue: Pick<JobQueue, 'send' | 'sendInTransaction'> | null,
    private readonly blobs: BlobStore,
  ) {}

  private present = (c: BoxConnectionRow) => presentConnection(c, this.appUrl);

  private async connection(caller: Caller, id: string) {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const row = await boxRepo.findConnection(this.db, caller.orgId, id);
    if (!row) throw notFound('Box connection');
    return row;
  }

  async list(caller: Caller): Promise<{ items: ConnectionOut[]; nextCursor: null }> {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const rows = await boxRepo.listConnections(this.db, caller.orgId);
    return { items: rows.map(this.present), nextCursor: null };
  }

  async get(caller: Caller, id: string): Promise<ConnectionOut> {
    return this.present(await this.connection(caller, id));
  }

  async create(caller: Caller, input: ConnectionInput): Promise<ConnectionOut> {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const values = credentialsFor(input.authMode, input, null);
    if (!input.webhookPrimaryKey)
      throw badRequest('The webhook primary key is required', [
        { path: 'webhookPrimaryKey', message: 'is required' },
      ]);
    const row = await boxRepo.insertConnection(this.db, {
      organizationId: caller.orgId,
      name: input.name,
      ...values,
      rootFolderId: input.rootFolderId,
      webhookPrimaryKey: input.webhookPrimaryKey,
      webhookSecondaryKey: input.webhookSecondaryKey ?? null,
      apiBaseUrl: input.apiBaseUrl ?? null,
      uploadBaseUrl: input.uploadBaseUrl ?? null,
      isEnabled: input.isEnabled ?? true,
    });
    return this.present(row);
  }

  async update(caller: Caller, id: string, patch: ConnectionPatch): Promise<ConnectionOut> {
    const current = await this.connection(caller, id);
    const mode =
      patch.authMode ?? (current.developerToken ? 'DEVELOPER_TOKEN' : 'CLIENT_CREDENTIALS');
    const values = credentialsFor(mode, patch, current);
    const row = await boxRepo.updateConnection(this.db, caller.orgId, id, {
      ...values,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.rootFolderId !== undefined ? { rootFolderId: patch.rootFolderId } : {}),
      ...(patch.webhookPrimaryKey !== undefined
        ? { webhookPrimaryKey: patch.webhookPrimaryKey }
        : {}),
      ...(patch.webhookSecondaryKey !== undefined
        ? { webhookSecondaryKey: patch.webhookSecondaryKey }
        : {}),
      ...(patch.apiBaseUrl !== undefined ? { apiBaseUrl: patch.apiBaseUrl } : {}),
      ...(patch.uploadBaseUrl !== undefined ? { uploadBaseUrl: patch.uploadBaseUrl } : {}),
      ...(patch.isEnabled !== undefined ? { isEnabled: patch.isEnabled } : {}),
    });
    if (!row) throw notFound('Box connection');
    return this.present(row);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    if (!(await boxRepo.deleteConnection(this.db, caller.orgId, id)))
      throw notFound('Box connection');
  }

  /** Signs in with the stored credentials and reads the root folder: what pushes will need. */
  async test(caller: Caller, id: string): Promise<TestResultOut> {
    const conn = await this.connection(caller, id);
    const client = createBoxClient(conn);
    let user: TestResultOut['user'] = null;
    try {
      const me = await client.users.getUserMe();
      user = { id: me.id, name: me.name ?? null, login: me.login ?? null };
      const folder = await client.folders.getFolderById(conn.rootFolderId);
      return {
        ok: true,
        user,
        rootFolder: { id: folder.id, name: folder.name ?? null },
        error: null,
      };
    } catch (err) {
      const failure = describeBoxError(err);
      const where = user ? `Signed in, but the root folder could not be read: ` : '';
      return { ok: false, user, rootFolder: null, error: `${where}${failure.message}` };
    }
  }

  async events(caller: Caller, id: string, limit: number) {
    await this.connection(caller, id);
    const rows = await boxRepo.recentEvents(this.db, caller.orgId, id, limit);
    return { items: rows.map(presentEvent), nextCursor: null };
  }

  /**
   * A Box webhook delivery: verified against the connection's keys, stored once per Box
   * event id (a redelivery finds the stored event and changes nothing), and the file handed
   * to the `inbound.box` job in the same transaction. Answers fast; the work is in the job.
   */
  async receiveWebhook(connectionId: string, rawBody: Buffer, headers: BoxSignatureHeaders) {
    // Unsigned requests learn nothing, not even whether the connection exists.
    if (!headers.timestamp || (!headers.primary && !headers.secondary))
      throw new AppError(
        'UNAUTHENTICATED',
        'Box deliveries are signed: BOX-DELIVERY-TIMESTAMP and BOX-SIGNATURE-PRIMARY or -SECONDARY are required',
      );
    const conn = await boxRepo.findConnectionForWebhook(this.db, connectionId);
    if (!conn || !conn.isEnabled) throw notFound('Box connection');
    const check = verifyBoxWebhook(rawBody, headers, {
      primary: conn.webhookPrimaryKey,
      secondary: conn.webhookSecondaryKey,
    });
    if (!check.ok) throw new AppError('UNAUTHENTICATED', check.reason);
    const body = parseWebhookBody(rawBody);
    const isFile = body.source.type === 'file' && Boolean(body.source.id);
    const wanted = isFile && body.trigger !== null && FILE_TRIGGERS.has(body.trigger);
    const stored = await this.db.transaction(async (tx) => {
      const row = await boxRepo.insertEventOnce(tx, {
        organizationId: conn.organizationId,
        connectionId: conn.id,
        eventId: body.id,
        trigger: body.trigger,
        boxFileId: isFile ? body.source.id : null,
        fileName: isFile ? body.source.name : null,
        status: wanted ? 'RECEIVED' : 'IGNORED',
        error: wanted ? null : `Not a file arrival (${body.trigger ?? 'no trigger'})`,
      });
      if (row && wanted)
        await this.queue?.sendInTransaction(tx, 'inbound.box', { eventId: row.id });
      return row;
    });
    if (stored)
      return {
        received: true as const,
        duplicate: false,
        eventId: stored.id,
        status: stored.status,
      };
    const existing = await boxRepo.findEventByBoxId(this.db, conn.id, body.id);
    return {
      received: true as const,
      duplicate: true,
      eventId: existing?.id ?? null,
      status: existing?.status ?? 'RECEIVED',
    };
  }

  async projectFolder(caller: Caller, projectId: string) {
    requireAnyPermission(caller, ['INTEGRATION_MANAGE', 'PROJECT_VIEW']);
    if (caller.isExternal) throw notFound('Project');
    const row = await boxRepo.project(this.db, caller.orgId, projectId);
    if (!row) throw notFound('Project');
    return { projectId: row.id, boxFolderId: row.boxFolderId };
  }

  async setProjectFolder(caller: Caller, projectId: string, boxFolderId: string | null) {
    requirePermission(caller, 'INTEGRATION_MANAGE');
    const row = await boxRepo.setProjectFolder(this.db, caller.orgId, projectId, boxFolderId);
    if (!row) throw notFound('Project');
    return { projectId: row.id, boxFolderId: row.boxFolderId };
  }

  private async sentRevision(caller: Caller, revisionId: string) {
    if (caller.isExternal) throw notFound('Revision');
    const row = await revisionRepo.visible(this.db, caller, revisionId);
    if (!row) throw notFound('Revision');
    return row;
  }

  /** The push log with Box links (the revisions module's log, plus the uploaded file). */
  async pushLogs(caller: Caller, revisionId: string, limit: number) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const row = await this.sentRevision(caller, revisionId);
    const logs = await boxRepo.pushLogs(this.db, caller.orgId, revisionId, limit);
    const latest = logs[0] ?? null;
    return {
      items: logs.map(presentPushLog),
      nextCursor: null,
      canRetry:
        caller.permissions.has('REVISION_SEND') &&
        row.revision.sentToClient &&
        latest?.status !== 'SUCCESS' &&
        !isDeliveryInProgress(latest),
    };
  }

  /**
   * A producer's retry of a delivery that failed (or never ran): a new attempt is queued
   * (run at once when there is no queue). A delivered version or an attempt in progress → 409.
   */
  async retryDelivery(caller: Caller, revisionId: string) {
    requirePermission(caller, 'REVISION_SEND');
    const row = await this.sentRevision(caller, revisionId);
    if (!row.revision.sentToClient)
      throw conflict('Only a version sent to the client is delivered');
    const latest = await latestDelivery(this.db, revisionId);
    if (latest?.status === 'SUCCESS') throw conflict('This version was delivered already');
    if (isDeliveryInProgress(latest)) throw conflict('A delivery attempt is in progress');
    let outcome: DeliveryOutcome | null = null;
    if (this.queue) {
      await this.queue.send(
        'delivery.push',
        { revisionId },
        { singletonKey: `delivery.push:${revisionId}` },
      );
    } else {
      outcome = await deliverRevision(this.db, revisionId, { blobs: this.blobs });
    }
    return { queued: outcome === null, state: outcome?.state ?? 'queued' };
  }
}

/** The stored credential columns for a mode: switching modes drops the other mode's secrets. */
function credentialsFor(
  mode: 'CLIENT_CREDENTIALS' | 'DEVELOPER_TOKEN',
  input: ConnectionPatch,
  current: BoxConnectionRow | null,
) {
  if (mode === 'DEVELOPER_TOKEN') {
    const token = input.developerToken ?? current?.developerToken;
    if (!token)
      throw badRequest('A developer token is required', [
        { path: 'developerToken', message: 'is required' },
      ]);
    return {
      developerToken: token,
      clientId: input.clientId ?? current?.clientId ?? '',
      clientSecret: input.clientSecret ?? current?.clientSecret ?? '',
      enterpriseId:
        input.enterpriseId !== undefined ? input.enterpriseId : (current?.enterpriseId ?? null),
    };
  }
  const clientId = input.clientId ?? current?.clientId;
  const clientSecret = input.clientSecret ?? current?.clientSecret;
  const enterpriseId =
    input.enterpriseId !== undefined ? input.enterpriseId : (current?.enterpriseId ?? null);
  const missing = [
    !clientId && 'clientId',
    !clientSecret && 'clientSecret',
    !enterpriseId && 'enterpriseId',
  ].filter((f): f is string => Boolean(f));
  if (missing.length)
    throw badRequest(
      'The client credentials grant needs the client id, the client secret and the enterprise id',
      missing.map((path) => ({ path, message: 'is required' })),
    );
  return { developerToken: null, clientId: clientId!, clientSecret: clientSecret!, enterpriseId };
}
