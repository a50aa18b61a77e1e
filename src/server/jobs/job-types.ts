/**
 * Job names and their payloads. Payloads carry ids only: handlers reload rows, cope with them
 * being gone, and are safe to run twice.
 */
export interface JobPayloads {
  /** Deliver one e-mail from the outbox over SMTP. */
  'email.deliver': { emailId: string };
  /** Periodic clean-up: old login attempts, expired sessions and verifications. */
  'maintenance.sweep': Record<string, never>;
  /** Make a revision's previews, thumbnails, poster and HLS rendition. */
  'media.process': { revisionId: string };
  /** Hand stale media runs (their worker died) and abandoned upload files over to a clean-up. */
  'media.recover': Record<string, never>;
  /** Deliver a version sent to the client through the org's delivery connector. */
  'delivery.push': { revisionId: string };
  /** Process one Box webhook delivery (download the file, run it through the inbound resolver). */
  'inbound.box': { eventId: string };
  /** Periodic clean-up of files in and out: idempotency records older than 24 h. */
  'integrations.sweep': Record<string, never>;
  /** Used by tests of the queue itself. */
  'test.record': { marker: string; hangMs?: number };
}

export type JobName = keyof JobPayloads;

export interface JobPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job not finished within this time is considered lost (worker died) and offered again. */
  expireInSeconds: number;
}

export const JOB_POLICIES: Record<JobName, JobPolicy> = {
  'email.deliver': { retryLimit: 8, retryDelaySeconds: 15, expireInSeconds: 60 },
  'maintenance.sweep': { retryLimit: 1, retryDelaySeconds: 60, expireInSeconds: 300 },
  // Long transcodes are allowed hours; a dead worker is noticed sooner by media.recover, which
  // watches the run's heartbeat.
  'media.process': { retryLimit: 2, retryDelaySeconds: 30, expireInSeconds: 4 * 3600 },
  'media.recover': { retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 600 },
  'delivery.push': { retryLimit: 6, retryDelaySeconds: 30, expireInSeconds: 900 },
  'inbound.box': { retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 1800 },
  'integrations.sweep': { retryLimit: 1, retryDelaySeconds: 60, expireInSeconds: 300 },
  'test.record': { retryLimit: 3, retryDelaySeconds: 1, expireInSeconds: 2 },
};

export const JOB_NAMES = Object.keys(JOB_POLICIES) as JobName[];
