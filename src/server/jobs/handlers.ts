import { lt } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { sessions, verifications } from '../db/schema';
import { createEmailDeliverer } from '../modules/mail/mailer';
import { LoginThrottle } from '../modules/auth/login-throttle';
import type { JobHandlers } from './queue';

/** The handler map run by every worker (the in-process one and `npm run worker`). */
export function createJobHandlers(db: Db, config: Config, log: (msg: string) => void): JobHandlers {
  const throttle = new LoginThrottle(db, config);
  const handlers: JobHandlers = {
    'maintenance.sweep': async () => {
      const now = new Date();
      const attempts = await throttle.sweep();
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
      await db.delete(verifications).where(lt(verifications.expiresAt, now));
      log(`maintenance sweep: ${attempts} old login attempts removed`);
    },
  };
  if (config.SMTP_URL)
    handlers['email.deliver'] = createEmailDeliverer(db, config.SMTP_URL, config.MAIL_FROM);
  return handlers;
}
