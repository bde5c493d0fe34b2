import { writeFileSync } from 'node:fs'
import type { Principal } from '../capabilities/accounts/principal.ts'
import type { DecisionLog } from '../capabilities/decision-log/decision-log.ts'
import {
  findInvestigation,
  type Investigation,
} from '../capabilities/investigations/investigation.repository.ts'
import {
  buildInvestigationReport,
  investigationReportCsv,
} from '../capabilities/investigations/investigation-report.ts'
import { createInvestigationsService } from '../capabilities/investigations/investigations.service.ts'
import { createLicensingService } from '../capabilities/licensing/licensing.service.ts'
import { createEvidenceInForce } from '../capabilities/risk-assessment/evidence/evidence-in-force.ts'
import { createScreeningService } from '../capabilities/watchlists/screening.service.ts'
import type { Clock } from '../platform/clock.ts'
import type { Db } from '../platform/db/database.ts'
import { AppError } from '../platform/http/errors.ts'
import { createProgress } from './progress.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

export const INVESTIGATE_HELP = `Usage: glasshouse investigate --reason TEXT [--scope "KEY=V1,V2 KEY=V …"] [--page-size N]
       glasshouse investigate --resume ID
       glasshouse investigate report ID [--format json|csv] [--out FILE]
Re-screens every granted, still valid licence and general-authorisation registration (EU005
included) in scope against today's lists and the policy in force, compares it with the assessment
it was granted under, records findings and revocation proposals, and shows a progress bar.
Scope keys: issuing_state, authority, destination, control_entry, technology, exporter,
licence_type, gea, decided_from, decided_to; e.g. --scope "gea=EU005 destination=AE,SA".
Each page of licences commits with its findings: an interrupted run resumes with --resume ID
from the last committed page, without duplicates. The CLI runs as the system (every authority).
Exit codes: 0 completed, 1 refused (nothing started), 2 usage error.`

/** The command line acts for the system, with an investigator's reach (every authority). */
const CLI_PRINCIPAL: Principal = {
  userId: 'cli',
  displayName: 'glasshouse command line',
  role: 'investigator',
  authorityId: null,
  organisationId: null,
  scopes: null,
}

const SCOPE_KEYS: Record<string, { field: string; list: boolean }> = {
  issuing_state: { field: 'issuingStates', list: true },
  authority: { field: 'authorities', list: true },
  destination: { field: 'destinations', list: true },
  control_entry: { field: 'controlEntries', list: true },
  technology: { field: 'technologies', list: true },
  exporter: { field: 'exporter', list: false },
  licence_type: { field: 'licenceTypes', list: true },
  gea: { field: 'geas', list: true },
  decided_from: { field: 'decidedFrom', list: false },
  decided_to: { field: 'decidedTo', list: false },
}

/** `--scope "gea=EU005 destination=AE,SA"` → the API's scope object (validated by the service). */
export function parseScopeOption(text: string | undefined): Record<string, unknown> {
  const scope: Record<string, unknown> = {}
  if (!text) return scope
  for (const part of text.split(/[\s;]+/).filter(Boolean)) {
    const [key, value] = part.split('=', 2)
    const known = key ? SCOPE_KEYS[key] : undefined
    if (!known || !value)
      throw new CliUsageError(
        `--scope: "${part}" is not KEY=VALUE with KEY one of ${Object.keys(SCOPE_KEYS).join(', ')}`,
      )
    scope[known.field] = known.list ? value.split(',').filter(Boolean) : value
  }
  return scope
}

export async function investigateCommand(
  db: Db,
  out: Out,
  o: {
    clock: Clock
    /** Revocations proposed and decided later go into this log. */
    log: DecisionLog
    reason?: string | undefined
    scope?: string | undefined
    resume?: string | undefined
    pageSize?: string | undefined
  },
): Promise<void> {
  const pageSize = o.pageSize ? Number(o.pageSize) : 1000
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000)
    throw new CliUsageError('--page-size must be a whole number from 1 to 10000')
  const resumeId = o.resume === undefined ? undefined : Number(o.resume)
  if (resumeId !== undefined && (!Number.isSafeInteger(resumeId) || resumeId < 1))
    throw new CliUsageError('--resume needs an investigation ID')
  if (resumeId === undefined && !o.reason?.trim())
    throw new CliUsageError('investigate needs --reason TEXT (or --resume ID)')
  const service = createInvestigationsService({
    db,
    clock: o.clock,
    screening: createScreeningService({ db, clock: o.clock, refreshMs: 3_600_000 }),
    licensing: createLicensingService({ db, clock: o.clock, decisionLog: o.log }),
    loadEvidence: createEvidenceInForce(),
  })
  let investigation: Investigation
  try {
    investigation =
      resumeId === undefined
        ? await service.start(
            { scope: parseScopeOption(o.scope), reason: o.reason ?? '' },
            CLI_PRINCIPAL,
          )
        : await service.get(resumeId, CLI_PRINCIPAL)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const details =
      'issues' in error ? (error as { issues: { field: string; message: string }[] }).issues : []
    console.error([error.message, ...details.map((i) => `  ${i.field}: ${i.message}`)].join('\n'))
    process.exitCode = 1
    return
  }
  if (investigation.status === 'completed') {
    out(summary(investigation), investigation)
    return
  }
  const progress = createProgress(
    `investigation ${investigation.id}`,
    investigation.progress.inScope,
  )
  progress.update(investigation.progress.licencesDone)
  const started = Date.now()
  // Ctrl-C stops after the page being committed; --resume carries on from there.
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  try {
    investigation = await service.run(investigation.id, {
      pageSize,
      signal: stop.signal,
      onPage: (p) => progress.update(p.licencesDone),
    })
  } finally {
    process.off('SIGINT', onSignal)
    progress.stop()
  }
  const seconds = (Date.now() - started) / 1000
  if (investigation.status !== 'completed') {
    console.error(
      `Stopped after ${investigation.progress.licencesDone} licences; resume with: glasshouse investigate --resume ${investigation.id}`,
    )
    process.exitCode = 1
  }
  out(`${summary(investigation)} (${seconds.toFixed(1)} s)`, { ...investigation, seconds })
}

function summary(i: Investigation): string {
  return [
    `Investigation ${i.id} (${i.status}): ${i.reason}`,
    `  policy version ${i.policyVersion}, as of ${i.asOf}${i.authorityScope ? `, authority ${i.authorityScope}` : ''}`,
    `  ${i.progress.licencesDone} of ${i.progress.inScope} licences re-screened; ${i.progress.findings} findings, ${i.progress.proposals} revocation proposals`,
  ].join('\n')
}

/** `glasshouse investigate report ID`: the public report, as JSON or CSV. */
export async function investigationReportCommand(
  db: Db,
  out: Out,
  o: { id?: string | undefined; format?: string | undefined; outFile?: string | undefined },
): Promise<void> {
  const id = Number(o.id)
  if (!o.id || !Number.isSafeInteger(id) || id < 1)
    throw new CliUsageError('investigate report needs the investigation ID')
  const format = o.format ?? 'json'
  if (format !== 'json' && format !== 'csv') throw new CliUsageError('--format must be json or csv')
  const investigation = await findInvestigation(db, id)
  if (!investigation) {
    console.error(`No investigation ${id}`)
    process.exitCode = 1
    return
  }
  const report = await buildInvestigationReport(db, investigation)
  const text = format === 'csv' ? investigationReportCsv(report) : JSON.stringify(report, null, 2)
  if (o.outFile) {
    writeFileSync(o.outFile, text)
    out(`Wrote the report of investigation ${id} to ${o.outFile}.`, { file: o.outFile })
  } else process.stdout.write(format === 'csv' ? text : `${text}\n`)
}
