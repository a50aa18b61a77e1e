import { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import type { InboundResolver } from '../inbound/contract';
import { createBoxClient, describeBoxError } from './box-client';
import { boxRepo } from './box.repository';

/** Thrown so the job queue tries again later (Box throttled us or was unreachable). */
export class RetryLaterError extends Error {}

/**
 * The `inbound.box` job: downloads the file of one stored webhook event through the SDK and
 * hands it to the inbound resolver (channel BOX). Runs once per event: an event that is no
 * longer RECEIVED was handled already. Files we pushed ourselves are ignored (a webhook on
 * the delivery folder would otherwise bring every push back in).
 */
export async function processBoxEvent(
  db: Db,
  eventId: string,
  getResolver: () => Promise<InboundResolver | null> | InboundResolver | null,
): Promise<void> {
  const event = await boxRepo.findEvent(db, eventId);
  if (!event || event.status !== 'RECEIVED' || !event.boxFileId) return;
  const conn = await boxRepo.findConnectionForWebhook(db, event.connectionId);
  const finish = (values: Parameters<typeof boxRepo.updateEvent>[2]) =>
    boxRepo.updateEvent(db, event.id, { processedAt: new Date(), ...values });
  if (!conn) return finish({ status: 'FAILED', error: 'The Box connection is gone' });
  if (await boxRepo.isPushedFile(db, event.organizationId, event.boxFileId))
    return finish({ status: 'IGNORED', error: 'A file prodtrack delivered itself' });
  let resolver: InboundResolver | null;
  try {
    resolver = await getResolver();
  } catch (err) {
    resolver = null;
    await boxRepo.updateEvent(db, event.id, {
      error:
        `The inbound resolver could not start: ${err instanceof Error ? err.message : String(err)}`.slice(
          0,
          500,
        ),
    });
    throw err;
  }
  if (!resolver) {
    const message = 'The inbound resolver is not available yet; tried again later';
    await boxRepo.updateEvent(db, event.id, { error: message });
    throw new RetryLaterError(message);
  }

  const client = createBoxClient(conn);
  let fileName = event.fileName;
  let stream: Readable;
  try {
    if (!fileName) fileName = (await client.files.getFileById(event.boxFileId)).name ?? null;
    const content = await client.downloads.downloadFile(event.boxFileId);
    // 202: Box is still preparing the file; ask again later.
    if (!content) throw new RetryLaterError('Box is not ready to hand out the file yet');
    stream = content as unknown as Readable;
  } catch (err) {
    if (err instanceof RetryLaterError) {
      await boxRepo.updateEvent(db, event.id, { error: err.message });
      throw err;
    }
    const failure = describeBoxError(err);
    if (failure.isRetryable) {
      await boxRepo.updateEvent(db, event.id, { error: failure.message });
      throw new RetryLaterError(failure.message);
    }
    return finish({ status: 'FAILED', error: failure.message });
  }
  const result = await resolver.ingest({
    organizationId: event.organizationId,
    channel: 'BOX',
    fileName: fileName ?? `box-file-${event.boxFileId}`,
    stream: stream instanceof Readable ? stream : Readable.from(stream),
    actor: { userId: null, apiKeyId: null, name: `Box (${conn.name})` },
    boxFileId: event.boxFileId,
  });
  await finish({
    status: 'PROCESSED',
    error: result.outcome === 'unmatched' ? (result.reason ?? 'Not matched') : null,
    inboundLogId: result.inboundLogId,
    fileName,
  });
}
