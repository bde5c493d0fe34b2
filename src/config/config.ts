import { z } from 'zod'

/** Every setting Glasshouse reads from the environment; `.env.example` documents each. */
const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    GLASSHOUSE_DATA_DIR: z.string().min(1).default('./data'),
    GLASSHOUSE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    GLASSHOUSE_SESSION_HOURS: z.coerce.number().int().min(1).max(168).default(12),
    GLASSHOUSE_DEMO: z.enum(['auto', 'off']).default('auto'),
    GLASSHOUSE_DEMO_APPLICATIONS: z.coerce.number().int().min(0).max(2_000_000).default(5000),
    GLASSHOUSE_DEMO_LISTS_DIR: z.string().min(1).default('../shared/data/sanctions'),
    GLASSHOUSE_SCREENING_THRESHOLD: z.coerce.number().min(0.3).max(1).optional(),
    GLASSHOUSE_LOG_ORIGIN: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{3,100}$/, 'a name like example.org/decision-log')
      .default('glasshouse.localhost/decision-log'),
    GLASSHOUSE_LOG_KEY: z.string().startsWith('PRIVATE+KEY+').optional(),
    GLASSHOUSE_LOG_KEY_FILE: z.string().min(1).optional(),
    GLASSHOUSE_LOG_WITNESSES: z.string().optional(),
    GLASSHOUSE_PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    GLASSHOUSE_OIDC_ISSUER: z.string().url().optional(),
    GLASSHOUSE_OIDC_CLIENT_ID: z.string().min(1).optional(),
    GLASSHOUSE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    GLASSHOUSE_OIDC_REDIRECT_URI: z.string().url().optional(),
    GLASSHOUSE_OIDC_NAME: z.string().min(1).max(80).default('government single sign-on'),
    GLASSHOUSE_METRICS_TOKEN: z
      .string()
      .min(32, 'at least 32 characters, e.g. from `openssl rand -hex 32`')
      .optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: env.GLASSHOUSE_DATA_DIR } as const),
    // Kept owner-only whatever the database: PGlite's files (without DATABASE_URL), the demo
    // accounts' passwords and the development log key.
    dataDir: env.GLASSHOUSE_DATA_DIR,
    sessions: {
      idleMinutes: env.GLASSHOUSE_SESSION_IDLE_MINUTES,
      absoluteHours: env.GLASSHOUSE_SESSION_HOURS,
    },
    demo: {
      mode: env.GLASSHOUSE_DEMO,
      applications: env.GLASSHOUSE_DEMO_APPLICATIONS,
      listsDir: env.GLASSHOUSE_DEMO_LISTS_DIR,
    },
    screeningThreshold: env.GLASSHOUSE_SCREENING_THRESHOLD,
    log: {
      origin: env.GLASSHOUSE_LOG_ORIGIN,
      key: env.GLASSHOUSE_LOG_KEY,
      keyFile: env.GLASSHOUSE_LOG_KEY_FILE,
      witnesses: (env.GLASSHOUSE_LOG_WITNESSES ?? '').split(/[\s,]+/).filter((k) => k.length > 0),
    },
    publicCacheSeconds: env.GLASSHOUSE_PUBLIC_CACHE_SECONDS,
    // OpenID Connect sign-in is off unless the issuer, client id and redirect URI are all set.
    oidc:
      env.GLASSHOUSE_OIDC_ISSUER &&
      env.GLASSHOUSE_OIDC_CLIENT_ID &&
      env.GLASSHOUSE_OIDC_REDIRECT_URI
        ? {
            issuer: env.GLASSHOUSE_OIDC_ISSUER,
            clientId: env.GLASSHOUSE_OIDC_CLIENT_ID,
            clientSecret: env.GLASSHOUSE_OIDC_CLIENT_SECRET,
            redirectUri: env.GLASSHOUSE_OIDC_REDIRECT_URI,
            name: env.GLASSHOUSE_OIDC_NAME,
          }
        : null,
    // Prometheus metrics at /metrics for callers with this bearer token; /metrics is 404 without it.
    metricsToken: env.GLASSHOUSE_METRICS_TOKEN ?? null,
    logLevel: env.LOG_LEVEL,
  }))

export type Config = z.output<typeof ConfigSchema>
export type DatabaseConfig = Config['database']

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in the environment mean "not set", as a shell user expects.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const parsed = ConfigSchema.safeParse(cleaned)
  if (!parsed.success)
    throw new ConfigError(`Invalid configuration:\n${z.prettifyError(parsed.error)}`)
  return Object.freeze(parsed.data)
}

/** The environment with some variables overridden (the CLI's --data-dir and --database-url). */
export function loadConfigWith(overrides: Record<string, string>): Config {
  return loadConfig({ ...process.env, ...overrides })
}
