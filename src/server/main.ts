import { ConfigError, parseConfig } from './config';
import { DatabaseLockedError } from './db/client';
import { startRuntime } from './runtime';
import { seedDemo } from './seed/demo-seed';

async function main() {
  const config = parseConfig();
  const log = (msg: string, err?: unknown) =>
    err ? console.error(`[prodtrack] ${msg}:`, err) : console.log(`[prodtrack] ${msg}`);
  const runtime = await startRuntime(config, { web: true, worker: config.RUN_WORKER, log });
  const app = runtime.app!;

  if (config.SEED_DEMO) {
    const result = await seedDemo(runtime.database.db, config);
    if (result.seeded) for (const line of result.lines) console.log(line);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await runtime.close().catch((err) => log('error while closing', err));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const dbLabel =
    runtime.database.kind === 'pglite' ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(
    `prodtrack is running at ${config.appUrl} (${dbLabel}; API docs at ${config.appUrl}/api/docs)`,
  );
  if (!config.RUN_WORKER)
    console.log('Jobs are not run in this process (RUN_WORKER=false): start `npm run worker`.');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError) {
    console.error(err.message);
  } else {
    console.error('prodtrack failed to start:', err);
  }
  process.exit(1);
});
