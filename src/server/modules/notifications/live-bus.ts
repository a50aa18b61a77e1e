import { EventEmitter } from 'node:events';
import pg from 'pg';

/** A live event for one user's browser tabs. */
export interface LiveEvent {
  userId: string;
  type: 'notification' | 'unread';
  data: unknown;
}

/**
 * Fan-out of live events to the server-sent-event streams of this process. On PostgreSQL,
 * events travel through LISTEN/NOTIFY so every web process sees every event; the embedded
 * database has one process, so an in-process emitter is the whole bus.
 */
export interface LiveBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(userId: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'prodtrack_live';

export class LocalLiveBus implements LiveBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(event: LiveEvent): Promise<void> {
    this.emitter.emit(event.userId, event);
  }

  subscribe(userId: string, listener: (event: LiveEvent) => void): () => void {
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class PostgresLiveBus extends LocalLiveBus {
  private client: pg.Client | null = null;

  constructor(
    private readonly connection: pg.PoolConfig,
    private readonly pool: pg.Pool,
  ) {
    super();
  }

  async start(): Promise<void> {
    const client = new pg.Client(this.connection);
    client.on('error', () => {
      /* reconnect on next start; live updates degrade to polling in the browser */
    });
    await client.connect();
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const event = JSON.parse(msg.payload) as LiveEvent;
        this.emitter.emit(event.userId, event);
      } catch {
        /* ignore malformed payloads */
      }
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  override async publish(event: LiveEvent): Promise<void> {
    // NOTIFY payloads are capped at 8000 bytes: send small events only.
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}
