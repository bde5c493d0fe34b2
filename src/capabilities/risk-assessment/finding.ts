import type { ReasonCode } from '../reference-data/reason-codes.ts'

/**
 * How much one finding weighs. `unknown` is a finding too: a rule that lacks the data it needs
 * says so instead of staying silent or crashing.
 */
export const SEVERITIES = ['info', 'unknown', 'low', 'medium', 'high', 'prohibitive'] as const
export type Severity = (typeof SEVERITIES)[number]

export type Finding = {
  /** The rule's id, e.g. `destination.pegasus-project`. */
  rule: string
  severity: Severity
  /** One line an officer reads first, e.g. "Destination named by the Pegasus Project". */
  title: string
  /** The facts behind it, in plain language, with figures and their source. */
  evidence: string
  /** The provision or text that makes this relevant (Regulation, Common Position, guidelines). */
  legalBasis: string
  /** Reason codes an officer would cite if this finding decides the case. */
  reasonCodes: ReasonCode[]
  /** False when the evidence is confidential (e.g. a sanctions hit's explanation on a private party). */
  public: boolean
  /**
   * What the public register shows in place of `evidence` when the evidence quotes confidential
   * text (the exporter's intended-use detail): the finding is public, its quotes are not.
   */
  publicEvidence?: string
}
