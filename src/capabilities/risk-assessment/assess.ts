import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { ReasonCode } from '../reference-data/reason-codes.ts'
import type { AssessmentInput } from './assessment-input.ts'
import type { Finding } from './finding.ts'
import {
  type Level,
  levelOf,
  type Recommendation,
  reasonCodesFor,
  recommend,
  severityRank,
} from './level.ts'
import { moratoriumFinding } from './moratorium.ts'
import type { Policy } from './policy/policy.schema.ts'
import { evaluateAll } from './rules/index.ts'

export type AssessmentResult = {
  level: Level
  recommendation: Recommendation
  reasonCodes: ReasonCode[]
  /** Worst first. */
  findings: Finding[]
  summary: string
  policyVersion: number
  /** SHA-256 of the RFC 8785 canonical JSON of the input: same input, same policy → same result. */
  inputSha256: string
}

/** Runs every rule and the moratorium over one application's input under one policy version. */
export function assess(
  input: AssessmentInput,
  policy: { version: number; policy: Policy },
): AssessmentResult {
  const moratorium = moratoriumFinding(input, policy.policy)
  const findings = [
    ...evaluateAll(input, policy.policy),
    ...(moratorium ? [moratorium.finding] : []),
  ]
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
  const level = levelOf(findings, policy.policy)
  const cyber = input.items.some((i) => i.cyberSurveillance)
  const recommendation = recommend(level, findings, cyber, moratorium?.effect ?? null)
  const reasonCodes = reasonCodesFor(findings, recommendation)
  return {
    level,
    recommendation,
    reasonCodes,
    findings,
    summary: summarise(level, recommendation, reasonCodes, findings),
    policyVersion: policy.version,
    inputSha256: inputHash(input),
  }
}

export function inputHash(input: AssessmentInput): string {
  return createHash('sha256')
    .update(canonicalize(input) as string)
    .digest('hex')
}

const SAY: Record<Recommendation, string> = {
  approve: 'approve',
  approve_with_conditions: 'approve with conditions',
  refer: 'refer to a senior officer for a decision',
  refuse: 'refuse',
}

/** The assessment in a few sentences an officer can read aloud. */
function summarise(
  level: Level,
  recommendation: Recommendation,
  codes: ReasonCode[],
  findings: Finding[],
): string {
  const counted = findings.filter((f) => f.severity !== 'info')
  const top = counted.filter(
    (f) => severityRank(f.severity) === severityRank(findings[0]?.severity ?? 'info'),
  )
  const unknown = findings.filter((f) => f.severity === 'unknown')
  const parts = [
    `Risk ${level}. Recommendation: ${SAY[recommendation]}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}.`,
  ]
  if (top.length > 0 && level !== 'low')
    parts.push(`Decisive: ${top.map((f) => f.title).join('; ')}.`)
  if (unknown.length > 0)
    parts.push(`Not assessed for lack of data: ${unknown.map((f) => f.title).join('; ')}.`)
  if (counted.length === 0) parts.push('No risk factor was found.')
  return parts.join(' ')
}
