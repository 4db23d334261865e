import { z } from 'zod';

/** Whether `v` parses as a URL whose scheme is postgres: or postgresql:. */
function isPostgresUrl(v: string): boolean {
  try {
    const { protocol } = new URL(v);
    return protocol === 'postgres:' || protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** The lowest scrypt cost (log2 N) a server or command accepts outside test runs. */
export const MIN_SCRYPT_COST = 14;

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().default('0.0.0.0'),
    VIGIL_DB: z.string().min(1).default('./data/vigil.db'),
    /**
     * A PostgreSQL database to serve instead of the SQLite file (`postgres://user:password@host:port/database`);
     * empty or unset: SQLite. See docs/deployment.md.
     */
    VIGIL_DATABASE_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .refine(
          isPostgresUrl,
          'must be a postgres:// or postgresql:// URL (postgres://user:password@host:port/database)',
        )
        .optional(),
    ),
    /** Folder of the built dashboard to serve. */
    VIGIL_WEB_ROOT: z.string().default('./dist/web'),
    /** Anonymous visitors may read the public map, scores and catalogue (everything else needs an account). */
    VIGIL_PUBLIC_READ: z.stringbool().default(true),
    /** Mark session cookies `Secure` even without TLS seen in the request (set it behind HTTPS). */
    VIGIL_SECURE_COOKIES: z.stringbool().default(false),
    /** Hours a browser session lasts after sign-in. */
    VIGIL_SESSION_TTL: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
    /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
    VIGIL_TRUST_PROXY: z.stringbool().default(false),
    /** Largest request body in bytes, and the larger one allowed for imports. */
    VIGIL_MAX_BODY: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    VIGIL_MAX_IMPORT: z.coerce
      .number()
      .int()
      .positive()
      .default(50 * 1024 * 1024),
    /** Sign-in attempts per minute per client address and email. */
    VIGIL_LOGIN_RATE: z.coerce.number().int().positive().default(5),
    VIGIL_HEAVY_JOBS: z.coerce.number().int().positive().default(2),
    VIGIL_HEAVY_JOBS_PER_CLIENT: z.coerce.number().int().positive().default(1),
    /** Job child processes (sensitivity, validation, backup) at once; unset: one per core while half the memory holds them. */
    VIGIL_JOB_CHILDREN: z.coerce.number().int().positive().optional(),
    /** Heavy reads built in the worker pool at once (downloads, uncached months, scenarios, explanations), and per client. */
    VIGIL_HEAVY_READS: z.coerce.number().int().positive().default(16),
    VIGIL_HEAVY_READS_PER_CLIENT: z.coerce.number().int().positive().default(6),
    /** Folder for scheduled backups; setting it turns them on (see docs/security.md). */
    VIGIL_BACKUP_DIR: z.string().min(1).optional(),
    /** How often: a number and s, m, h or d (`24h`, `30m`, `7d`). */
    VIGIL_BACKUP_EVERY: z
      .string()
      .regex(/^\d+[smhd]$/, 'must be a number and s, m, h or d, such as 24h')
      .default('24h')
      .transform((v) => Number(v.slice(0, -1)) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[v.at(-1) as 's'])
      .refine((ms) => ms >= 1000, 'must be at least 1s'),
    /** How many backups to keep (the oldest beyond this are deleted after a verified backup). */
    VIGIL_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
    /**
     * scrypt cost of new password hashes, as log2 N (16: 64 MiB per hash, the default). Stored hashes keep
     * the cost they were made with. Below {@link MIN_SCRYPT_COST} only under NODE_ENV=test (refused
     * otherwise, below): a low cost makes stolen hashes cheap to guess.
     */
    VIGIL_SCRYPT_COST: z.coerce.number().int().min(10).max(20).default(16),
    /** `test` under vitest (and in the servers and commands the tests start, which inherit it). */
    NODE_ENV: z.string().optional(),
    /** Creates this admin at start-up when no account exists yet (read once; prefer `vigil users add --admin`). */
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.VIGIL_SCRYPT_COST < MIN_SCRYPT_COST && env.NODE_ENV !== 'test')
      ctx.addIssue({
        code: 'custom',
        path: ['VIGIL_SCRYPT_COST'],
        message: `must be at least ${MIN_SCRYPT_COST} (${env.VIGIL_SCRYPT_COST} is for test runs, NODE_ENV=test, only: it makes stolen password hashes cheap to guess)`,
      });
  });

/** Vigil's configuration, parsed once from the environment. */
export type Env = z.infer<typeof EnvSchema>;

/** A configuration the server or a command refuses to start with; its message names each bad variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; throws an {@link EnvError} naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const r = EnvSchema.safeParse(source);
  if (!r.success)
    throw new EnvError(
      `Invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}
