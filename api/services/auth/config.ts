import type { Env } from '../../env.ts';

/** Security settings of one app instance (from the environment in production, chosen by tests). */
export interface SecurityConfig {
  /** Anonymous visitors may read the public map, scores and catalogue. */
  publicRead: boolean;
  /** Always mark session cookies `Secure`. */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** Trust X-Forwarded-For for the client address (rate limiting). */
  trustProxy: boolean;
  maxBodyBytes: number;
  maxImportBytes: number;
  loginAttemptsPerMinute: number;
  /** Heavy computations (sensitivity runs) at once in the whole server, and per client. */
  heavyJobs: number;
  heavyJobsPerClient: number;
  /**
   * Heavy reads built in the worker pool at once (downloads, months not cached yet, scenarios,
   * explanations, briefs), and per client: six, as many requests as a browser sends to one server.
   */
  heavyReads: number;
  heavyReadsPerClient: number;
  /** The clock (tests may pin it). */
  now: () => Date;
}

/** Settings a fresh app uses when the caller gives none: public read on, 1 MB bodies, 50 MB imports. */
export const DEFAULT_SECURITY: SecurityConfig = {
  publicRead: true,
  secureCookies: false,
  sessionTtlHours: 12,
  trustProxy: false,
  maxBodyBytes: 1024 * 1024,
  maxImportBytes: 50 * 1024 * 1024,
  loginAttemptsPerMinute: 5,
  heavyJobs: 2,
  heavyJobsPerClient: 1,
  heavyReads: 16,
  heavyReadsPerClient: 6,
  now: () => new Date(),
};

/** The security settings from the parsed environment. */
export function securityFromEnv(env: Env): SecurityConfig {
  return {
    publicRead: env.VIGIL_PUBLIC_READ,
    secureCookies: env.VIGIL_SECURE_COOKIES,
    sessionTtlHours: env.VIGIL_SESSION_TTL,
    trustProxy: env.VIGIL_TRUST_PROXY,
    maxBodyBytes: env.VIGIL_MAX_BODY,
    maxImportBytes: env.VIGIL_MAX_IMPORT,
    loginAttemptsPerMinute: env.VIGIL_LOGIN_RATE,
    heavyJobs: env.VIGIL_HEAVY_JOBS,
    heavyJobsPerClient: env.VIGIL_HEAVY_JOBS_PER_CLIENT,
    heavyReads: env.VIGIL_HEAVY_READS,
    heavyReadsPerClient: env.VIGIL_HEAVY_READS_PER_CLIENT,
    now: () => new Date(),
  };
}
