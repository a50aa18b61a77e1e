import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobHandlers } from '../../jobs/queue';

/** Scheduled clean-up for API keys, idempotency records and briefs. */
export function createIntegrationJobHandlers(
  _db: Db,
  _config: Config,
  _log: (msg: string, err?: unknown) => void,
): Pick<JobHandlers, 'integrations.sweep'> {
  return {};
}
