import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  decideIdempotency,
  fingerprintText,
  IDEMPOTENCY_TTL_MS,
  isValidIdempotencyKey,
} from '../../../domain/idempotency';
import type { Caller } from '../../caller';
import type { Db } from '../../db/client';
import { idempotencyRecords } from '../../db/schema';
import { AppError, badRequest, errorBody } from '../../errors';

export interface IdempotencyScope {
  orgId: string;
  /** The API key id, user id or webhook endpoint that sent the request. */
  keyHolder: string;
  /** Method and route pattern, e.g. "POST /api/briefs". */
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Stored answers of POSTs that carried an Idempotency-Key (API.md). The record is inserted
 * first: the primary key (org, key holder, route, key) lets exactly one of any number of
 * concurrent identical requests run; the others see it in flight (409) or, once its answer is
 * stored, get that answer.
 */
export class IdempotencyService {
  constructor(private readonly db: Db) {}

  async execute(
    scope: IdempotencyScope,
    requestHash: string,
    run: () => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await this.db
        .insert(idempotencyRecords)
        .values({
          organizationId: scope.orgId,
          keyHolder: scope.keyHolder,
          route: scope.route,
          key: scope.key,
          requestHash,
          state: 'IN_FLIGHT',
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyRecords.key });
      if (claimed.length > 0) return { ...(await this.runClaimed(scope, run)), replayed: false };

      const [existing] = await this.db.select().from(idempotencyRecords).where(this.where(scope));
      if (!existing) continue; // removed between our insert and select (failed run, sweep): try again
      const decision = decideIdempotency(existing, requestHash, new Date());
      switch (decision.kind) {
        case 'expired':
          await this.db
            .delete(idempotencyRecords)
            .where(and(this.where(scope), eq(idempotencyRecords.createdAt, existing.createdAt)));
          continue;
        case 'mismatch':
          throw new AppError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used with a different request; use a new key for a new request',
          );
        case 'in-flight':
          throw new AppError(
            'CONFLICT',
            'A request with this Idempotency-Key is still being processed; retry shortly',
            { retryAfter: 1 },
          );
        case 'replay':
          return {
            status: existing.statusCode ?? 200,
            body: existing.responseBody,
            replayed: true,
          };
      }
    }
    throw new AppError('CONFLICT', 'This Idempotency-Key is busy; retry shortly', {
      retryAfter: 1,
    });
  }

  /**
   * Runs the request and stores its answer. A refusal (4xx) is an answer too and is stored; a
   * crash (5xx) is not: the record goes so a retry can run again.
   */
  private async runClaimed(
    scope: IdempotencyScope,
    run: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    let result: StoredResponse;
    try {
      result = await run();
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        await this.store(scope, {
          status: err.status,
          body: errorBody(err.code, err.message, err.fields),
        });
      } else {
        await this.db
          .delete(idempotencyRecords)
          .where(and(this.where(scope), eq(idempotencyRecords.state, 'IN_FLIGHT')));
      }
      throw err;
    }
    await this.store(scope, result);
    return result;
  }

  private async store(scope: IdempotencyScope, response: StoredResponse) {
    // JSON round trip: dates become strings, exactly what the client received.
    const body =
      response.body === undefined ? null : (JSON.parse(JSON.stringify(response.body)) as unknown);
    await this.db
      .update(idempotencyRecords)
      .set({ state: 'DONE', statusCode: response.status, responseBody: body })
      .where(this.where(scope));
  }

  private where(scope: IdempotencyScope) {
    return and(
      eq(idempotencyRecords.organizationId, scope.orgId),
      eq(idempotencyRecords.keyHolder, scope.keyHolder),
      eq(idempotencyRecords.route, scope.route),
      eq(idempotencyRecords.key, scope.key),
    );
  }

  /** Removes records older than 24 h; the scheduled integrations.sweep job calls this. */
  async sweep(now = new Date()): Promise<number> {
    const removed = await this.db
      .delete(idempotencyRecords)
      .where(lt(idempotencyRecords.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
      .returning({ key: idempotencyRecords.key });
    return removed.length;
  }
}

/** The request's Idempotency-Key, or null; an unusable value is refused (400). */
export function idempotencyKeyOf(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || !isValidIdempotencyKey(key))
    throw badRequest('Idempotency-Key must be 1 to 255 printable ASCII characters', [
      { path: 'Idempotency-Key', message: 'invalid header value' },
    ]);
  return key;
}

/** The request's fingerprint: method, path and semantic content (API.md). */
export function requestFingerprint(req: FastifyRequest, content: unknown): string {
  const path = req.url.split('?')[0] ?? req.url;
  return sha256Hex(fingerprintText(req.method, path, content));
}

/**
 * Answers a POST under the Idempotency-Key rules: without a key it just runs; with one, the
 * first request runs and its answer is stored, a retry gets the stored status and body.
 */
export async function sendIdempotent(
  idempotency: IdempotencyService,
  req: FastifyRequest,
  reply: FastifyReply,
  content: unknown,
  run: () => Promise<StoredResponse>,
  holder?: { orgId: string; keyHolder: string },
) {
  const key = idempotencyKeyOf(req);
  if (key === null) {
    const result = await run();
    return reply.status(result.status).send(result.body);
  }
  const caller = req.caller as Caller | null;
  const scopeHolder = holder ?? {
    orgId: caller!.orgId,
    keyHolder: caller!.apiKeyId ?? caller!.userId,
  };
  const result = await idempotency.execute(
    { ...scopeHolder, route: `${req.method} ${req.routeOptions.url ?? req.url}`, key },
    requestFingerprint(req, content),
    run,
  );
  if (result.replayed) void reply.header(IDEMPOTENT_REPLAY_HEADER, 'true');
  return reply.status(result.status).send(result.body);
}
