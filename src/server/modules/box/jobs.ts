import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobHandlers, JobQueue } from '../../jobs/queue';
import { deliverRevision } from '../revisions/delivery';

/** The Box jobs: pushes of sent versions out, webhook deliveries in. */
export function createBoxJobHandlers(
  db: Db,
  _config: Config,
  _queue: JobQueue,
  _log: (msg: string, err?: unknown) => void,
): Pick<JobHandlers, 'delivery.push' | 'inbound.box'> {
  return {
    'delivery.push': async ({ revisionId }) => deliverRevision(db, revisionId),
  };
}
