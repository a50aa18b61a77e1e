import { ConfigError, parseConfig } from './config';
import { DatabaseLockedError } from './db/client';
import { startRuntime } from './runtime';

/** The job worker on its own: for deployments with separate web and worker processes. */
async function main() {
  const config = parseConfig();
  if (!config.DATABASE_URL) {
    console.error(
      'The separate worker needs DATABASE_URL: the embedded database runs jobs inside `npm start`.',
    );
    process.exit(1);
  }
  const log = (msg: string, err?: unknown) =>
    err ? console.error(`[worker] ${msg}:`, err) : console.log(`[worker] ${msg}`);
  const runtime = await startRuntime(config, { web: false, worker: true, log });
  log('running jobs');
  const shutdown = async () => {
    await runtime.close().catch((err) => log('error while closing', err));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(
    err instanceof ConfigError || err instanceof DatabaseLockedError ? err.message : err,
  );
  process.exit(1);
});
