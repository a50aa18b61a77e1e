import type { Config } from '../../config';
import type { Database, Db } from '../../db/client';
import type { JobHandlers, JobQueue } from '../../jobs/queue';
import { LocalLiveBus } from '../notifications/live-bus';
import { blobStoreFor } from '../../storage/blob-store';
import type { InboundResolver } from '../inbound/contract';
import { deliverRevision, type DeliveryOptions } from '../revisions/delivery';
import { processBoxEvent } from './box-inbound';
import { inboundResolverOf } from './index';

/** Thrown so pg-boss retries the job with its backoff (JOB_POLICIES). */
class DeliveryRetryError extends Error {}

/** The Box jobs: pushes of sent versions out, webhook deliveries in. */
export function createBoxJobHandlers(
  db: Db,
  config: Config,
  queue: JobQueue,
  log: (msg: string, err?: unknown) => void,
  /** The app's resolver when the runtime has one (live notifications reach browsers). */
  appResolver?: () => Promise<InboundResolver | null>,
  /** Push settings (tests use a small chunked-upload threshold). */
  pushOptions: Omit<DeliveryOptions, 'blobs'> = {},
): Pick<JobHandlers, 'delivery.push' | 'inbound.box'> {
  const blobs = blobStoreFor(config);
  let resolver: Promise<InboundResolver | null> | null = null;
  // Without the app's services (a bare worker in tests), the inbound resolver is built once,
  // on the first Box delivery.
  const inboundResolver =
    appResolver ??
    (() =>
      (resolver ??= buildInboundResolver(db, config, queue).catch((err: unknown) => {
        resolver = null;
        throw err;
      })));
  return {
    'delivery.push': async ({ revisionId }) => {
      const outcome = await deliverRevision(db, revisionId, { ...pushOptions, blobs });
      if (outcome.state === 'failed') {
        log(`delivery of revision ${revisionId} failed: ${outcome.error}`);
        if (outcome.isRetryable) throw new DeliveryRetryError(outcome.error);
      }
    },
    'inbound.box': async ({ eventId }) => processBoxEvent(db, eventId, inboundResolver),
  };
}

async function buildInboundResolver(
  db: Db,
  config: Config,
  queue: JobQueue,
): Promise<InboundResolver | null> {
  const { createServices } = await import('../../services');
  const services = await createServices({
    config,
    database: { db, kind: config.databaseKind } as unknown as Database,
    queue,
    blobStore: blobStoreFor(config),
    liveBus: new LocalLiveBus(),
    // The same secret as the app: stored Box credentials are sealed under it.
    authSecret: (await import('../../runtime')).resolveAuthSecret(config),
  });
  return inboundResolverOf(services.inbound);
}
