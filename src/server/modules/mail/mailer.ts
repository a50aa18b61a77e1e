import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client';
import { outboxEmails } from '../../db/schema';
import type { JobQueue } from '../../jobs/queue';

export interface OutgoingEmail {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  /** True when mail is kept in the dev outbox instead of being sent. */
  readonly isOutboxOnly: boolean;
}

/**
 * Every e-mail is first written to the outbox table (durable), then delivered by a job when
 * SMTP is configured. Without SMTP the outbox page is where people read them.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Db,
    private readonly queue: Pick<JobQueue, 'send'> | null,
    private readonly smtpConfigured: boolean,
  ) {}

  get isOutboxOnly(): boolean {
    return !this.smtpConfigured;
  }

  async send(email: OutgoingEmail): Promise<void> {
    const [row] = await this.db
      .insert(outboxEmails)
      .values({
        organizationId: email.organizationId,
        toAddress: email.to,
        subject: email.subject,
        textBody: email.text,
      })
      .returning({ id: outboxEmails.id });
    if (this.smtpConfigured && this.queue && row) {
      await this.queue.send('email.deliver', { emailId: row.id });
    }
  }
}

/** Job handler: deliver one outbox e-mail over SMTP; safe to run twice. */
export function createEmailDeliverer(db: Db, smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport(smtpUrl);
  return async ({ emailId }: { emailId: string }) => {
    const email = await db.query.outboxEmails.findFirst({ where: eq(outboxEmails.id, emailId) });
    if (!email || email.sentAt) return;
    try {
      await transport.sendMail({
        from,
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
      });
    } catch (err) {
      await db
        .update(outboxEmails)
        .set({ lastError: err instanceof Error ? err.message : String(err) })
        .where(eq(outboxEmails.id, emailId));
      throw err;
    }
    // Once delivered, the body (which may hold a reset link) is not kept in the database.
    await db
      .update(outboxEmails)
      .set({ sentAt: new Date(), textBody: '(delivered over SMTP)', lastError: null })
      .where(eq(outboxEmails.id, emailId));
  };
}
