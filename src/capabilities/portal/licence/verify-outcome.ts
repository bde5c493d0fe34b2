// What the Verify button tells the reader, from the bundle, the offline check and the decisions
// the page shows. Browser-safe and pure (bundled into /static/verify-licence.js, tested in Node).
import type { ProofBundleVerification } from '../../decision-log/verify-proof-bundle.ts'

/** One decision row of the page, as its data-* attributes carry it. */
export type PageDecision = {
  logIndex: number
  action: string
  fromState: string | null
  toState: string
  decidedOn: string
  reasonCodes: string[]
}

export type VerifyOutcome = {
  ok: boolean
  /** One plain sentence: what was proven, or what failed. */
  headline: string
  /** Further sentences (the checkpoint, mismatches, what is not covered). */
  details: string[]
  /** Log indices of the page's decisions the bundle proves, after a successful check. */
  proven: number[]
}

type Leaf = { index: number; leaf: string }
type Bundle = {
  origin: string
  vkey: string
  checkpoint: { size: number; signedAt?: string }
  leaves: Leaf[]
}

/** The key id of a c2sp signed-note vkey (`name+hash+key`): what a reader compares. */
export function keyIdOf(vkey: string): string {
  return vkey.split('+')[1] ?? vkey
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i])

/** The fields of a logged decision that the page must show identically, as mismatch texts. */
function differences(logged: Record<string, unknown>, shown: PageDecision): string[] {
  const out: string[] = []
  const compare = (label: string, inLog: unknown, onPage: unknown) => {
    const same =
      Array.isArray(inLog) && Array.isArray(onPage)
        ? sameList(inLog.map(String), onPage.map(String))
        : inLog === onPage
    if (!same)
      out.push(
        `${label}: the log says ${JSON.stringify(inLog)}, this page ${JSON.stringify(onPage)}`,
      )
  }
  compare('action', logged.action, shown.action)
  compare('from state', logged.fromState ?? null, shown.fromState)
  compare('to state', logged.toState, shown.toState)
  compare('decided on', logged.decidedOn, shown.decidedOn)
  compare('reasons', logged.reasonCodes ?? [], shown.reasonCodes)
  return out
}

/**
 * Turns a verification into what the page says. A bundle that verifies proves only what its
 * leaves say, so each leaf is also compared with the row of this page that claims it: a page
 * that showed other reasons than the authority logged fails, as does a page decision marked as
 * logged that the bundle lacks.
 */
export function describeOutcome(
  bundle: unknown,
  result: ProofBundleVerification,
  page: readonly PageDecision[],
): VerifyOutcome {
  if (!result.ok) {
    return {
      ok: false,
      headline: `Verification failed: ${result.reason}.`,
      details: [
        `${plural(result.checked, 'record was', 'records were')} checked before the failure. The proof does not show that this page matches the decision log; do not rely on it until the difference is explained.`,
      ],
      proven: [],
    }
  }
  const b = bundle as Bundle
  const fail = (headline: string, details: string[]): VerifyOutcome => ({
    ok: false,
    headline,
    details,
    proven: [],
  })
  const byIndex = new Map(page.map((d) => [d.logIndex, d]))
  const problems: string[] = []
  for (const leaf of b.leaves) {
    const shown = byIndex.get(leaf.index)
    const logged = JSON.parse(leaf.leaf) as Record<string, unknown>
    if (logged.type !== 'decision') continue
    if (!shown) {
      problems.push(
        `Log record ${leaf.index} (${String(logged.action)}) is not shown on this page.`,
      )
      continue
    }
    for (const d of differences(logged, shown)) problems.push(`Log record ${leaf.index}: ${d}.`)
  }
  const inBundle = new Set(b.leaves.map((l) => l.index))
  for (const d of page)
    if (!inBundle.has(d.logIndex))
      problems.push(
        `This page shows the ${d.action} of ${d.decidedOn} as log record ${d.logIndex}, but the proof does not include it.`,
      )
  if (problems.length > 0)
    return fail(
      'Verification failed: the decision log and this page do not say the same thing.',
      problems,
    )
  const signedAt = b.checkpoint.signedAt ? b.checkpoint.signedAt.slice(0, 10) : 'an unknown date'
  return {
    ok: true,
    headline: `Verified: ${result.checked === 1 ? 'this decision is' : `these ${result.checked} decisions are`} in the Glasshouse decision log.`,
    details: [
      `Checkpoint of size ${b.checkpoint.size} signed by ${b.origin} with key ${keyIdOf(b.vkey)} on ${signedAt}; the signature and every inclusion proof were checked in this browser.`,
      "Each record's text matches this page: action, states, date and reason codes.",
    ],
    proven: b.leaves.map((l) => l.index).filter((i) => byIndex.has(i)),
  }
}
