import type { ReasonCode } from '../reference-data/reason-codes.ts'
import type { Finding, Severity } from './finding.ts'
import type { Policy } from './policy/policy.schema.ts'

export const LEVELS = ['low', 'medium', 'high', 'prohibitive'] as const
export type Level = (typeof LEVELS)[number]

export const RECOMMENDATIONS = ['approve', 'approve_with_conditions', 'refer', 'refuse'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]

const RANK: Record<Severity, number> = {
  info: 0,
  unknown: 0,
  low: 1,
  medium: 2,
  high: 3,
  prohibitive: 4,
}

/**
 * The level is the worst finding; enough medium findings together make it high (the policy says
 * how many). `unknown` findings do not raise the level: they are listed, and push a
 * cyber-surveillance case to an officer (see recommend).
 */
export function levelOf(findings: Finding[], policy: Policy): Level {
  const worst = findings.reduce((max, f) => Math.max(max, RANK[f.severity]), 0)
  if (worst >= 4) return 'prohibitive'
  if (worst === 3) return 'high'
  const mediums = findings.filter((f) => f.severity === 'medium').length
  if (mediums >= policy.levels.mediumFindingsForHigh) return 'high'
  return worst === 2 ? 'medium' : 'low'
}

/**
 * prohibitive → refuse; high → refer to an officer; medium → approve with conditions; low →
 * approve. A cyber-surveillance case the rules could not fully assess (an `unknown` finding) is
 * referred rather than approved. A moratorium overrides: refuse, or hold (refer), as it says.
 */
export function recommend(
  level: Level,
  findings: Finding[],
  cyberSurveillance: boolean,
  moratorium: 'refuse' | 'hold' | null,
): Recommendation {
  if (moratorium === 'refuse' || level === 'prohibitive') return 'refuse'
  if (moratorium === 'hold' || level === 'high') return 'refer'
  if (cyberSurveillance && findings.some((f) => f.severity === 'unknown')) return 'refer'
  return level === 'medium' ? 'approve_with_conditions' : 'approve'
}

/** The codes an officer would cite: those of the findings that decide the recommendation. */
export function reasonCodesFor(findings: Finding[], recommendation: Recommendation): ReasonCode[] {
  if (recommendation === 'approve') return ['NO_SIGNIFICANT_RISK']
  if (recommendation === 'approve_with_conditions') return ['CONDITIONS']
  const floor = recommendation === 'refuse' ? RANK.prohibitive : RANK.high
  const deciding = findings.filter((f) => RANK[f.severity] >= floor)
  return [...new Set(deciding.flatMap((f) => f.reasonCodes))]
}

export function severityRank(severity: Severity): number {
  return RANK[severity]
}
