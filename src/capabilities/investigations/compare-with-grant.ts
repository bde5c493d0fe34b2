import type { AssessmentResult } from '../risk-assessment/assess.ts'
import type { Finding } from '../risk-assessment/finding.ts'
import { type Level, severityRank } from '../risk-assessment/level.ts'
import { FINDING_KIND_TITLES, type FindingKind } from './investigation.ts'

/** The assessment that stood when the licence was granted (the latest at or before the grant). */
export type GrantTimeAssessment = { level: Level; findings: Finding[]; policyVersion: number }

/**
 * An assessment finding as an investigation keeps it: the rule, severity, facts and reason codes.
 * The legal basis is the rule's (shown with every assessment); not copying it into each of
 * 100,000s of findings halves what a run writes.
 */
export type EvidenceFinding = Omit<Finding, 'legalBasis'>

/** One thing an investigation found about one licence. */
export type LicenceFinding = {
  kind: FindingKind
  /** Significant findings make a revocation proposal. */
  significant: boolean
  /** Granted contrary to the Regulation or the policy: flagged to the Commission. */
  infringement: boolean
  levelThen: Level | null
  levelNow: Level
  title: string
  /** The assessment findings behind it. */
  evidence: EvidenceFinding[]
  /** False when any of its evidence is confidential (e.g. a sanctions hit on a party). */
  public: boolean
}

const RULE = {
  generalScope: 'authorisation.general-scope',
  vendorAbuse: 'history.vendor-abuse',
  pegasus: 'destination.pegasus-project',
  moratorium: 'policy.moratorium',
} as const

const LEVEL_RANK: Record<Level, number> = { low: 1, medium: 2, high: 3, prohibitive: 4 }
const isSignificant = (level: Level) => LEVEL_RANK[level] >= LEVEL_RANK.high
/** Findings that weigh something (not `info`, not a rule that lacked data). */
const weighs = (f: Finding) => f.severity !== 'info' && f.severity !== 'unknown'

/**
 * Compares today's assessment of a licence with the one it was granted under, and says what an
 * investigation records: pure, so an interrupted run that re-assesses a page finds the same.
 */
export function compareWithGrant(
  now: AssessmentResult,
  then: GrantTimeAssessment | null,
): LicenceFinding[] {
  const found: LicenceFinding[] = []
  const add = (
    kind: FindingKind,
    evidence: Finding[],
    { significant = true, infringement = false } = {},
  ) =>
    found.push({
      kind,
      significant,
      infringement,
      levelThen: then?.level ?? null,
      levelNow: now.level,
      title: FINDING_KIND_TITLES[kind],
      evidence: evidence.map(({ legalBasis: _, ...kept }) => kept),
      public: evidence.every((f) => f.public),
    })
  const byRule = (findings: Finding[], rule: string) =>
    findings.filter((f) => f.rule === rule && weighs(f))

  if (isSignificant(now.level) && (!then || LEVEL_RANK[now.level] > LEVEL_RANK[then.level]))
    add('newly_significant_risk', deciding(now))
  if (then && isSignificant(then.level))
    add('granted_despite_risk', deciding(then), { infringement: then.level === 'prohibitive' })
  const moratoriumThen = then ? byRule(then.findings, RULE.moratorium) : []
  if (moratoriumThen.length > 0)
    add('granted_despite_moratorium', moratoriumThen, { infringement: true })
  const outsideScope = byRule(now.findings, RULE.generalScope)
  if (outsideScope.length > 0) add('gea_outside_scope', outsideScope, { infringement: true })
  const abuse = byRule(now.findings, RULE.vendorAbuse)
  if (abuse.length > 0) add('vendor_abuse', abuse)
  const pegasus = byRule(now.findings, RULE.pegasus)
  if (pegasus.length > 0)
    add('pegasus_destination', pegasus, {
      significant: pegasus.some((f) => severityRank(f.severity) >= severityRank('high')),
    })
  const moratorium = byRule(now.findings, RULE.moratorium)
  if (moratorium.length > 0) add('moratorium_applies', moratorium)
  return found
}

/** The findings that make an assessment's level: high and prohibitive ones, else the mediums. */
function deciding(assessment: { level: Level; findings: Finding[] }): Finding[] {
  const top = assessment.findings.filter((f) => severityRank(f.severity) >= severityRank('high'))
  return top.length > 0 ? top : assessment.findings.filter((f) => f.severity === 'medium')
}
