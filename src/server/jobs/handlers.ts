import { lt } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { sessions, verifications } from '../db/schema';
import { createEmailDeliverer } from '../modules/mail/mailer';
import { LoginThrottle } from '../modules/auth/login-throttle';
import { inboundResolverOf } from '../modules/box';
import { createBoxJobHandlers } from '../modules/box/jobs';
import type { Services } from '../services';
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
  /** The app's services, for jobs that act as users would (Box files through the resolver). */
  services?: () => Promise<Services>,
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
      const inbound = services ? await (await services()).inbound.holdingPen.sweep() : null;
      log(
        `maintenance sweep: ${attempts} old login attempts, ${removed} abandoned media files` +
          (inbound ? `, ${inbound.removed} orphaned inbound files` : '') +
          ' removed',
      );
    },
    'media.process': async ({ revisionId }) => media.process(revisionId),
    'media.recover': async () => {
      const n = await media.recover(queue);
      if (n) log(`media: ${n} stale processing runs offered again`);
    },
    ...createBoxJobHandlers(
      db,
      config,
      queue,
      log,
      services && (async () => inboundResolverOf((await services()).inbound)),
    ),
    ...createIntegrationJobHandlers(db, config, log),
  };
  if (config.SMTP_URL)
    handlers['email.deliver'] = createEmailDeliverer(db, config.SMTP_URL, config.MAIL_FROM);
  return handlers;
}
