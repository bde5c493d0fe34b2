import fc from 'fast-check'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { useTestDatabase } from '../test-database.ts'
import {
  FORM_ROUTES,
  type FormVocabulary,
  formRequestFor,
  vocabularyOf,
  withCsrf,
} from './form-cases.ts'
import { createFuzzTarget, type FuzzTarget, roleArbitrary } from './harness.ts'
import { fuzzSettings } from './verdict.ts'

/**
 * Issue 18, measured robustness: every POST form of the workspace, sign-in, set-up and
 * activation pages with random fields and values, with and without a session and a valid CSRF
 * token, as every role. No answer is a 5xx, and a refused form writes nothing.
 */
const { seed, runs } = fuzzSettings(30)
/** A sign-in hashes every password it is given (same time for known and unknown accounts). */
const runsFor = (route: string) => (route === '/login' ? Math.max(5, Math.ceil(runs / 10)) : runs)

describe('fuzzing every workspace form', () => {
  const testDb = useTestDatabase()
  let target: FuzzTarget
  let vocabulary: FormVocabulary

  beforeAll(async () => {
    target = await createFuzzTarget(testDb.db)
    const [draft, ownCase] = target.known.references
    const page = async (role: 'exporter' | 'senior' | 'anonymous', path: string) =>
      (
        await target.app.request(path, {
          headers: role === 'anonymous' ? {} : { cookie: target.sessions.get(role)?.cookie ?? '' },
        })
      ).text()
    vocabulary = vocabularyOf([
      await page('anonymous', '/login'),
      await page('anonymous', '/setup'),
      await page('exporter', '/workspace/applications/new'),
      await page('exporter', `/workspace/applications/${draft}`),
      await page('senior', `/workspace/cases/${ownCase}`),
    ])
  })
  afterAll(() => {
    if (process.env.FUZZ_VERBOSE)
      process.stderr.write(
        `${JSON.stringify({ ...target.stats, statuses: Object.fromEntries(target.stats.statuses) })}\n`,
      )
  })

  it.each(FORM_ROUTES.map((route, index) => [route, index] as const))(
    'POST %s: no 5xx, no write when refused',
    async (route, index) => {
      const cases = fc.record({
        form: formRequestFor(route, target.known, vocabulary),
        role: roleArbitrary,
      })
      await fc.assert(
        fc.asyncProperty(cases, async ({ form, role }) => {
          const session = target.sessions.get(role)
          const token =
            form.csrf === 'valid' ? session?.csrf : form.csrf === 'junk' ? form.csrfJunk : undefined
          const request = withCsrf(form.request, token)
          const problem = await target.judge(request, role, session ? 'session' : 'none')
          if (problem) throw new Error(`${role} POST ${request.path.slice(0, 300)}: ${problem}`)
        }),
        { seed: seed + 1000 + index, numRuns: runsFor(route), endOnFailure: true },
      )
    },
  )
})
