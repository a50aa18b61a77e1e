import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails } from '../../src/server/db/schema';
import {
  client,
  createTestApp,
  seedOrg,
  signIn,
  type SeededOrg,
  type TestContext,
} from '../helpers/test-app';

let ctx: TestContext;
let org: SeededOrg;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await seedOrg(ctx, 'Notify Org');
});
afterAll(async () => ctx?.close());

function notify(userId: string, title: string) {
  return ctx.app.services.notifications.notify(ctx.database.db, {
    organizationId: org.orgId,
    userIds: [userId],
    type: 'ASSIGNMENT',
    title,
    message: `${title} message`,
    link: '/somewhere',
  });
}

describe('notifications', () => {
  it('lists, counts and marks notifications read', async () => {
    const cookie = await signIn(ctx, org.users.ARTIST.email);
    const c = client(ctx, cookie);
    for (let i = 0; i < 3; i++) await notify(org.users.ARTIST.id, `N${i}`);
    await notify(org.users.PRODUCER.id, 'not yours');

    expect((await c.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    const page1 = (await c.get('/api/notifications?limit=2')).json();
    expect(page1.items.map((n: { title: string }) => n.title)).toEqual(['N2', 'N1']);
    const page2 = (await c.get(`/api/notifications?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((n: { title: string }) => n.title)).toEqual(['N0']);
    expect(page2.nextCursor).toBeNull();

    expect((await c.post(`/api/notifications/${page1.items[0].id}/read`)).statusCode).toBe(204);
    expect((await c.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await c.get('/api/notifications?unreadOnly=true')).json();
    expect(unread.items).toHaveLength(2);

    // Someone else's notification is not found.
    const producer = client(ctx, await signIn(ctx, org.users.PRODUCER.email));
    const theirs = (await producer.get('/api/notifications')).json().items[0];
    expect((await c.post(`/api/notifications/${theirs.id}/read`)).statusCode).toBe(404);

    expect((await c.post('/api/notifications/read-all')).statusCode).toBe(204);
    expect((await c.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('pushes new notifications live over server-sent events', async () => {
    const cookie = await signIn(ctx, org.users.PRODUCER.email);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const received: { event: string; data: unknown }[] = [];
    const req = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/notifications/stream',
      headers: { cookie },
    });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) received.push({ event, data: JSON.parse(data) });
      }
    });
    const waitFor = async (pred: () => boolean) => {
      for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(pred()).toBe(true);
    };
    await waitFor(() => received.some((e) => e.event === 'unread'));
    await notify(org.users.PRODUCER.id, 'Live one');
    await notify(org.users.ARTIST.id, 'For someone else');
    await waitFor(() => received.some((e) => e.event === 'notification'));
    const live = received.filter((e) => e.event === 'notification');
    expect(live).toHaveLength(1);
    expect((live[0]!.data as { title: string }).title).toBe('Live one');
    req.destroy();
  });

  it('refuses the stream without a session', async () => {
    const res = await client(ctx).get('/api/notifications/stream');
    expect(res.statusCode).toBe(401);
  });
});

describe('e-mail over SMTP', () => {
  it('delivers a password-reset e-mail through a real SMTP server and keeps no body', async () => {
    const mails: Awaited<ReturnType<typeof simpleParser>>[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        void simpleParser(stream)
          .then((m) => mails.push(m))
          .finally(() => callback());
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    const t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { withJobs: true });
    try {
      const o = await seedOrg(t, 'Smtp Org');
      const res = await client(t).post('/api/auth/request-password-reset', {
        email: o.users.ADMIN.email,
      });
      expect(res.statusCode).toBe(200);
      for (let i = 0; i < 200 && mails.length === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/Reset your prodtrack password/);
      expect(mails[0]!.text).toMatch(/reset-password\?token=/);
      const row = await t.database.db.query.outboxEmails.findFirst({
        where: eq(outboxEmails.toAddress, o.users.ADMIN.email),
      });
      for (let i = 0; i < 50; i++) {
        const r = await t.database.db.query.outboxEmails.findFirst({
          where: eq(outboxEmails.id, row!.id),
        });
        if (r?.sentAt) break;
        await new Promise((res2) => setTimeout(res2, 100));
      }
      const sent = await t.database.db.query.outboxEmails.findFirst({
        where: eq(outboxEmails.id, row!.id),
      });
      expect(sent?.sentAt).toBeTruthy();
      expect(sent?.textBody).not.toMatch(/token=/);
      // With SMTP configured, the dev outbox is not served.
      const admin = client(t, await signIn(t, o.users.ADMIN.email));
      expect((await admin.get('/api/dev/outbox')).statusCode).toBe(404);
    } finally {
      await t.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 60_000);

  it('keeps mail in the dev outbox when SMTP is not configured', async () => {
    const admin = client(ctx, await signIn(ctx, org.users.ADMIN.email));
    await client(ctx).post('/api/auth/request-password-reset', { email: org.users.ARTIST.email });
    const list = (await admin.get('/api/dev/outbox')).json();
    expect(list.items.some((m: { to: string }) => m.to === org.users.ARTIST.email)).toBe(true);
    const artist = client(ctx, await signIn(ctx, org.users.ARTIST.email));
    expect((await artist.get('/api/dev/outbox')).statusCode).toBe(403);
  });
});
