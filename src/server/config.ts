import { z } from 'zod';

/**
 * The environment, parsed once at start. Nothing else reads process.env: a bad value stops the
 * start with a message that names the variable.
 */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Public URL of the app (links in e-mails, cookie security, OIDC callbacks). */
  APP_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Blob store folder; defaults to DATA_DIR/blobs. */
  BLOB_DIR: z.string().min(1).optional(),
  /** 32+ chars used to sign session cookies. Generated and kept in DATA_DIR when unset. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .default(60 * 12),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).default(60),
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).default(72),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('prodtrack <no-reply@prodtrack.local>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).default('Single sign-on'),
  /** Organization that first-time OIDC users join (by domain); they join as ARTIST. */
  OIDC_DEFAULT_ORG_DOMAIN: z.string().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Seed demo data on an empty database (default on). */
  SEED_DEMO: boolish.default(true),
  /** Run the job worker inside the web process (default on; turn off with separate workers). */
  RUN_WORKER: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  TRUST_PROXY: boolish.default(false),
  /** Largest accepted image upload (bytes; default 200 MiB). */
  MEDIA_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  /** Largest accepted video upload (bytes; default 2 GiB). */
  MEDIA_MAX_VIDEO_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024 * 1024),
  /** Decompression-bomb guard: images with more pixels are refused (default 100 megapixels). */
  MEDIA_MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).default(100_000_000),
  /** A processing run silent for this long is taken to be dead and handed to another worker. */
  MEDIA_STALE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** ffmpeg binary (ffprobe is looked for beside it); default: ffmpeg/ffprobe on PATH. */
  FFMPEG_PATH: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema> & {
  appUrl: string;
  databaseKind: 'pglite' | 'postgres';
  oidcEnabled: boolean;
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset": that is how most shells and .env files express it.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const oidcParts = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcParts !== 0 && oidcParts !== 3) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
    );
  }
  return {
    ...c,
    appUrl: (c.APP_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    databaseKind: c.DATABASE_URL ? 'postgres' : 'pglite',
    oidcEnabled: oidcParts === 3,
  };
}
