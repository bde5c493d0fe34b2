import { readFile } from 'node:fs/promises'
import type { DecisionLog } from '../capabilities/decision-log/decision-log.ts'
import type { StoredAssessment } from '../capabilities/risk-assessment/assessment.repository.ts'
import { EvidenceFormatError } from '../capabilities/risk-assessment/evidence/evidence-format-error.ts'
import { createEvidenceInForce } from '../capabilities/risk-assessment/evidence/evidence-in-force.ts'
import type { EvidenceKind } from '../capabilities/risk-assessment/evidence/evidence-set.repository.ts'
import { importEvidence } from '../capabilities/risk-assessment/evidence/import-evidence.ts'
import type { Finding } from '../capabilities/risk-assessment/finding.ts'
import {
  currentPolicy,
  listPolicyVersions,
  type PolicyVersion,
  setMoratorium,
  setPolicy,
} from '../capabilities/risk-assessment/policy/policy.repository.ts'
import type { Moratorium } from '../capabilities/risk-assessment/policy/policy.schema.ts'
import { createRiskAssessmentService } from '../capabilities/risk-assessment/risk-assessment.service.ts'
import { systemClock } from '../platform/clock.ts'
import type { Db } from '../platform/db/database.ts'
import { AppError } from '../platform/http/errors.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

/** Prints a refused change on standard error (and as JSON when asked) and sets exit code 1. */
function refuse(message: string, details: string[], json: boolean, extra: object = {}): void {
  console.error([message, ...details].join('\n'))
  if (json) console.log(JSON.stringify({ ok: false, error: message, details, ...extra }))
  process.exitCode = 1
}

/** `glasshouse assess REF`: assess under the policy and evidence in force, store, explain. */
export async function assessApplication(
  db: Db,
  out: Out,
  { reference, json }: { reference: string | undefined; json: boolean },
): Promise<void> {
  if (!reference) throw new CliUsageError('assess needs the application REF')
  const service = createRiskAssessmentService({
    db,
    clock: systemClock,
    loadEvidence: createEvidenceInForce(),
  })
  let stored: StoredAssessment
  try {
    stored = await service.assess(reference, 'cli')
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    refuse(`${error.message}. Nothing was assessed or stored.`, [], json)
    return
  }
  out(assessmentText(reference, stored), { reference, ...stored })
}

const LEVEL_WORD: Record<StoredAssessment['level'], string> = {
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  prohibitive: 'PROHIBITIVE',
}

const RECOMMENDATION_WORD: Record<StoredAssessment['recommendation'], string> = {
  approve: 'approve',
  approve_with_conditions: 'approve with conditions',
  refer: 'refer to a senior officer',
  refuse: 'refuse',
}

export function assessmentText(reference: string, a: StoredAssessment): string {
  const lines = [
    `${reference}: risk ${LEVEL_WORD[a.level]}`,
    `Recommendation: ${RECOMMENDATION_WORD[a.recommendation]}${a.reasonCodes.length > 0 ? ` — reason codes ${a.reasonCodes.join(', ')}` : ''}`,
    '',
    a.summary,
    '',
    a.findings.length === 0 ? 'No findings.' : `Findings (${a.findings.length}, worst first):`,
    ...a.findings.flatMap(findingLines),
    '',
    `Policy version ${a.policyVersion}; input SHA-256 ${a.inputSha256}`,
    `Stored as assessment ${a.id} at ${a.assessedAt} (${a.trigger}, by ${a.actor}).`,
  ]
  return lines.join('\n')
}

function findingLines(f: Finding, index: number): string[] {
  return [
    `${String(index + 1).padStart(3)}. [${f.severity}] ${f.title}`,
    `     Evidence: ${f.evidence}`,
    `     Legal basis: ${f.legalBasis}`,
    ...(f.reasonCodes.length > 0 ? [`     Reason codes: ${f.reasonCodes.join(', ')}`] : []),
    `     Rule: ${f.rule}${f.public ? '' : ' (confidential evidence)'}`,
  ]
}

/** `glasshouse policy show`: the version in force, who changed it, the moratorium, the document. */
export async function policyShow(db: Db, out: Out, log: DecisionLog): Promise<void> {
  const current = await currentPolicy(db, systemClock, log)
  out(policyText(current), current)
}

export function policyText(p: PolicyVersion): string {
  return [
    `Policy version ${p.version} ("${p.policy.name}") in force since ${p.changedAt}`,
    `Set by ${p.actor}: ${p.reason}`,
    `Document SHA-256 ${p.sha256}`,
    moratoriumText(p.policy.moratorium),
    '',
    JSON.stringify(p.policy, null, 2),
  ].join('\n')
}

function moratoriumText(m: Moratorium): string {
  const items =
    m.items === 'all-cyber-surveillance'
      ? 'all cyber-surveillance items'
      : `the categories ${m.items.categories.join(', ')}`
  const reach = `scope ${m.scope.join(', ')}; ${items}; effect ${m.effect === 'refuse' ? 'refuse' : 'hold for review'}`
  return m.active
    ? `Moratorium: ACTIVE${m.since ? ` since ${m.since}` : ''} — ${reach}.\n  Legal basis: ${m.legalBasis}`
    : `Moratorium: off (when switched on: ${reach}).`
}

/** `glasshouse policy history`: every version, newest first. */
export async function policyHistory(db: Db, out: Out, log: DecisionLog): Promise<void> {
  await currentPolicy(db, systemClock, log) // seeds (and logs) version 1 on a new database
  const versions = await listPolicyVersions(db)
  const lines = versions.map(
    (v) =>
      `v${String(v.version).padEnd(4)} ${v.changedAt.slice(0, 19)}Z  ${v.actor.padEnd(12)} ${v.reason}`,
  )
  out(lines.join('\n'), { versions })
}

/** `glasshouse policy set FILE --reason TEXT`: validate and put a new document in force. */
export async function policySet(
  db: Db,
  out: Out,
  {
    file,
    reason,
    json,
    log,
  }: { file: string | undefined; reason: string | undefined; json: boolean; log?: DecisionLog },
): Promise<void> {
  if (!file) throw new CliUsageError('policy set needs a FILE (a JSON policy document)')
  if (!reason?.trim()) throw new CliUsageError('policy set needs --reason TEXT: say why')
  const before = await currentPolicy(db, systemClock, log)
  const unchanged = `Nothing was changed; policy version ${before.version} stays in force.`
  let document: unknown
  try {
    document = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    refuse(`${file} is not a readable JSON document: ${why}`, [unchanged], json)
    return
  }
  try {
    const version = await setPolicy(db, systemClock, document, { actor: 'cli', reason, log })
    out(
      `Policy version ${version.version} is in force (was ${before.version}).\n${moratoriumText(version.policy.moratorium)}`,
      version,
    )
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const issues = error.issues ?? []
    refuse(
      issues.length > 0
        ? `${file}: the policy document is invalid (${issues.length} problem(s)):`
        : `${file}: ${error.message}`,
      [...issues.map((i) => `  ${i.field}: ${i.message}`), unchanged],
      json,
      { issues },
    )
  }
}

/** `glasshouse policy moratorium on|off --reason TEXT [--effect refuse|hold]`. */
export async function policyMoratorium(
  db: Db,
  out: Out,
  {
    state,
    reason,
    effect,
    json,
    log,
  }: {
    state: string | undefined
    reason: string | undefined
    effect: string | undefined
    json: boolean
    log?: DecisionLog
  },
): Promise<void> {
  if (state !== 'on' && state !== 'off')
    throw new CliUsageError('policy moratorium needs on or off')
  if (!reason?.trim()) throw new CliUsageError('policy moratorium needs --reason TEXT: say why')
  if (effect !== undefined && effect !== 'refuse' && effect !== 'hold')
    throw new CliUsageError('--effect must be refuse or hold')
  const before = await currentPolicy(db, systemClock, log)
  try {
    const version = await setMoratorium(db, systemClock, state === 'on', {
      actor: 'cli',
      reason,
      log,
      ...(effect ? { changes: { effect } } : {}),
    })
    out(
      `Policy version ${version.version} is in force (was ${before.version}).\n${moratoriumText(version.policy.moratorium)}`,
      version,
    )
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    refuse(
      `${error.message}`,
      [
        ...(error.issues ?? []).map((i) => `  ${i.field}: ${i.message}`),
        `Nothing was changed; policy version ${before.version} stays in force.`,
      ],
      json,
    )
  }
}

const IMPORT_VERBS: Record<string, { kind: EvidenceKind; what: string }> = {
  'import-indicators': { kind: 'indicators', what: 'country indicators' },
  'import-spyware': { kind: 'spyware-operators', what: 'spyware operator states' },
  'import-victim-cases': { kind: 'victim-cases', what: 'spyware victim cases' },
}

export const REFERENCE_IMPORT_VERBS = Object.keys(IMPORT_VERBS)

/** `glasshouse reference import-indicators|import-spyware|import-victim-cases FILE...`. */
export async function referenceImport(
  db: Db,
  out: Out,
  { verb, paths, json }: { verb: string; paths: string[]; json: boolean },
): Promise<void> {
  const chosen = IMPORT_VERBS[verb]
  if (!chosen)
    throw new CliUsageError(`reference needs one of ${REFERENCE_IMPORT_VERBS.join(', ')}`)
  if (paths.length === 0) throw new CliUsageError(`reference ${verb} needs at least one FILE`)
  if (chosen.kind === 'spyware-operators' && paths.length !== 1)
    throw new CliUsageError('reference import-spyware takes exactly one FILE (operator_states.csv)')
  const started = Date.now()
  try {
    const set = await importEvidence(db, systemClock, {
      kind: chosen.kind,
      paths,
      actor: 'cli',
    })
    const seconds = (Date.now() - started) / 1000
    out(
      [
        `Imported ${chosen.what} as evidence set ${set.id}: ${set.summary}.`,
        ...set.files.map((f) => `  ${f.name}  ${f.bytes} bytes  sha256 ${f.sha256}`),
        `It replaces the ${chosen.what} used by assessments from now on (${seconds.toFixed(1)} s).`,
      ].join('\n'),
      { ...set, seconds },
    )
  } catch (error) {
    if (!(error instanceof EvidenceFormatError) && !(error instanceof AppError)) throw error
    refuse(
      error.message,
      [`Nothing was imported; the ${chosen.what} in force are unchanged.`],
      json,
      error instanceof EvidenceFormatError
        ? { file: error.file, line: error.line, column: error.column }
        : {},
    )
  }
}
