import { lt } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { sessions, verifications } from '../db/schema';
import { createEmailDeliverer } from '../modules/mail/mailer';
import { LoginThrottle } from '../modules/auth/login-throttle';
import { createBoxJobHandlers } from '../modules/box/jobs';
import { createIntegrationJobHandlers } from '../modules/integrations/jobs';
import { MediaProcessor } from '../modules/revisions/media-processor';
import { blobStoreFor } from '../storage/blob-store';
import type { JobHandlers, JobQueue } from './queue';

/** The handler map run by every worker (the in-process one and `npm run worker`). */
export function createJobHandlers(
  db: Db,
  config: Config,
  queue: JobQueue,
  log: (msg: string, err?: unknown) => void,
): JobHandlers {
  const throttle = new LoginThrottle(db, config);
  const media = new MediaProcessor(db, blobStoreFor(config), config, log);
  const handlers: JobHandlers = {
    'maintenance.sweep': async () => {
      const now = new Date();
      const attempts = await throttle.sweep();
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
      await db.delete(verifications).where(lt(verifications.expiresAt, now));
      const { removed } = await media.sweep();
      log(
        `maintenance sweep: ${attempts} old login attempts, ${removed} abandoned media files removed`,
      );
    },
    'media.process': async ({ revisionId }) => media.process(revisionId),
    'media.recover': async () => {
      const n = await media.recover(queue);
      if (n) log(`media: ${n} stale processing runs offered again`);
    },
    ...createBoxJobHandlers(db, config, queue, log),
    ...createIntegrationJobHandlers(db, config, log),
  };
  if (config.SMTP_URL)
    handlers['email.deliver'] = createEmailDeliverer(db, config.SMTP_URL, config.MAIL_FROM);
  return handlers;
}
