import { z } from 'zod'

/**
 * How far a reference fact has been checked, following the grading in
 * design/research/domain-facts.md: `verified` = checked against the cited legal or primary text,
 * `secondary` = from a reliable secondary source, `unverified` = from memory or only partly checked
 * (check before relying on it as a hard rule).
 */
export const VerificationSchema = z.enum(['verified', 'secondary', 'unverified'])
export type Verification = z.infer<typeof VerificationSchema>
