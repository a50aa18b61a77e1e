import { formatRevisionLabel } from '../../../domain/version-chain';
import { requirePermission, type Caller } from '../../caller';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { iso } from '../../http/schemas';
import { clientReviewRepo as repo } from './client-review.repository';
import type {
  ClientReviewItem,
  ClientReviewQuery,
  ClientReviewStage,
} from './client-review.schemas';

/**
 * What is out with the client: deliverables with versions sent to them (V1, V2 …, never an
 * internal V0.x), those awaiting the client's decision first. Client viewers see their client
 * teams' projects only; staff see every project of the organization.
 */
export class ClientReviewService {
  constructor(private readonly db: Db) {}

  async list(caller: Caller, q: ClientReviewQuery) {
    requirePermission(caller, 'DELIVERABLE_VIEW');
    const offset = decodeOffset(q.cursor);
    const rows = await repo.page(this.db, caller, {
      projectId: q.projectId,
      waiting: q.waiting,
      limit: q.limit,
      offset,
    });
    const pageRows = rows.slice(0, q.limit);
    const versions = await repo.sentVersions(
      this.db,
      caller,
      pageRows.map((r) => r.id),
    );
    const stagesOf = new Map<string, ClientReviewStage[]>();
    for (const v of versions) {
      const list = stagesOf.get(v.deliverableId) ?? [];
      let stage = list.find((s) => s.stageId === v.stageId);
      if (!stage) {
        // Newest first within a stage: the first row seen is the latest sent version.
        stage = {
          stageId: v.stageId,
          name: v.stageName,
          order: v.stageOrder,
          waiting: false,
          sentCount: 0,
          latest: {
            revisionId: v.revisionId,
            label: formatRevisionLabel({ major: v.major, minor: v.minor, sentToClient: true }),
            status: v.status,
            sentAt: iso(v.sentAt),
          },
        };
        list.push(stage);
        stagesOf.set(v.deliverableId, list);
      }
      stage.sentCount += 1;
      if (v.status === 'IN_REVIEW') stage.waiting = true;
    }
    const items: ClientReviewItem[] = pageRows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      dueDate: iso(r.dueDate),
      project: { id: r.projectId, name: r.projectName },
      waiting: Boolean(r.waiting),
      lastSentAt: r.lastSentAt === null ? null : new Date(Number(r.lastSentAt)).toISOString(),
      stages: stagesOf.get(r.id) ?? [],
    }));
    return {
      items,
      nextCursor: rows.length > q.limit ? encodeOffset(offset + q.limit) : null,
    };
  }
}

function encodeOffset(n: number): string {
  return Buffer.from(JSON.stringify({ o: n })).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid; start from the first page', {
    fields: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}
