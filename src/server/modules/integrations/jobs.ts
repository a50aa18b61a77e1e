import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobHandlers } from '../../jobs/queue';
import { IdempotencyService } from './idempotency.service';

/** Scheduled clean-up for API keys, idempotency records and briefs. */
export function createIntegrationJobHandlers(
  db: Db,
  _config: Config,
  log: (msg: string, err?: unknown) => void,
): Pick<JobHandlers, 'integrations.sweep'> {
  const idempotency = new IdempotencyService(db);
  return {
    // Idempotency records are honoured for 24 h; older ones only take space.
    'integrations.sweep': async () => {
      const removed = await idempotency.sweep();
      if (removed)
        log(`integrations sweep: ${removed} idempotency records older than 24 h removed`);
    },
  };
}
