import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  VIGIL_DB: z.string().min(1).default('./data/vigil.db'),
  /** Folder of the built dashboard to serve. */
  VIGIL_WEB_ROOT: z.string().default('./dist/web'),
});

/** Vigil's configuration, parsed once from the environment. */
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; throws a readable error naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const r = EnvSchema.safeParse(source);
  if (!r.success) throw new Error(`Invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
