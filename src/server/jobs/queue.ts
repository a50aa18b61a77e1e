import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { DbOrTx } from '../db/client';
import { JOB_NAMES, JOB_POLICIES, type JobName, type JobPayloads } from './job-types';

export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  job: { id: string; name: N; retryCount: number },
) => Promise<void>;

export type JobHandlers = { [N in JobName]?: JobHandler<N> };

export interface QueueOptions {
  connection: pg.PoolConfig;
  /**
   * Run the queue's SQL on this pool instead of its own connections. PGlite has one session:
   * statements from several connections would interleave, so everything shares one.
   */
  pool?: pg.Pool;
  /** How often expired jobs (dead workers) are detected; pg-boss's default is a minute. */
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * The durable Postgres-backed job queue (pg-boss). Producers only `send`; a process that runs
 * jobs also calls `work`.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;

  constructor(private readonly opts: QueueOptions) {
    const c = opts.connection;
    this.boss = new PgBoss({
      connectionString: c.connectionString,
      host: c.host,
      port: c.port,
      user: c.user,
      database: c.database,
      password: typeof c.password === 'string' ? c.password : undefined,
      max: 3,
      schema: 'pgboss',
      db: opts.pool
        ? {
            executeSql: async (text: string, values: unknown[]) => opts.pool!.query(text, values),
          }
        : undefined,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
    });
    this.boss.on('error', (err) => opts.log?.('job queue error', err));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of JOB_NAMES) {
      const p = JOB_POLICIES[name];
      const options = {
        retryLimit: p.retryLimit,
        retryDelay: p.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: p.expireInSeconds,
      };
      // createQueue is a no-op for an existing queue; updateQueue keeps policies current.
      await this.boss.createQueue(name, { name, ...options });
      await this.boss.updateQueue(name, { name, ...options });
    }
    this.started = true;
  }

  async send<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    return this.boss.send(name, payload as object, {
      singletonKey: opts.singletonKey,
      startAfter: opts.startAfterSeconds,
    });
  }

  /**
   * Enqueues inside the caller's transaction: the job exists exactly when the rows it works on
   * were committed (no lost job after a crash between commit and send, no job for a rollback).
   */
  async sendInTransaction<N extends JobName>(
    tx: DbOrTx,
    name: N,
    payload: JobPayloads[N],
    opts: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    return this.boss.send(name, payload as object, {
      singletonKey: opts.singletonKey,
      startAfter: opts.startAfterSeconds,
      db: {
        executeSql: async (text: string, values: unknown[]) => {
          const result = await tx.execute(positional(text, values));
          return { rows: result.rows };
        },
      },
    });
  }

  async work(handlers: JobHandlers): Promise<void> {
    for (const name of JOB_NAMES) {
      const handler = handlers[name] as JobHandler<JobName> | undefined;
      if (!handler) continue;
      await this.boss.work<JobPayloads[JobName]>(
        name,
        { pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) {
            await handler(job.data, { id: job.id, name, retryCount: 0 });
          }
        },
      );
    }
  }

  async schedule<N extends JobName>(name: N, cron: string, payload: JobPayloads[N]): Promise<void> {
    await this.boss.schedule(name, cron, payload as object);
  }

  async getJob(name: JobName, id: string) {
    return this.boss.getJobById(name, id);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}

/** pg-boss's `$n` SQL with its values, as a drizzle query (every placeholder bound as a param). */
function positional(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, i) =>
    i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`,
  );
  return sql.join(chunks);
}
