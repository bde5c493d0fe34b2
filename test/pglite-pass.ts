import { describe } from 'vitest'

/**
 * For suites that never touch TEST_DATABASE_URL: they drive the real `glasshouse` binary, or
 * PGlite directly, on a data directory of their own (test/glasshouse-cli.ts clears DATABASE_URL).
 * CI runs the whole suite twice, on PGlite and on PostgreSQL; the PostgreSQL pass would repeat
 * these unchanged (about six minutes of a twenty-minute run), so they run in the PGlite pass,
 * and on a developer's `npm test`, only.
 */
export const inThePGlitePass = describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))
