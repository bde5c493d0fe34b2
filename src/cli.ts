import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createDecisionLog, type DecisionLog } from './capabilities/decision-log/decision-log.ts'
import { loadLogKey } from './capabilities/decision-log/log-key.ts'
import { insertAuthority, seedAuthorities } from './capabilities/licensing/authority.repository.ts'
import { seedDemo } from './capabilities/licensing/demo/seed-demo.ts'
import { exportLicences } from './capabilities/licensing/interchange/export-licences.ts'
import { fileSha256 } from './capabilities/licensing/interchange/file-sha256.ts'
import {
  ImportFailedError,
  importLicenceRows,
} from './capabilities/licensing/interchange/import-licences.ts'
import { formatIssue } from './capabilities/licensing/interchange/licence-csv.ts'
import {
  readLicenceCsv,
  readLicenceJson,
} from './capabilities/licensing/interchange/read-licence-file.ts'
import {
  ensureUkAuthority,
  readUkCaatLicences,
} from './capabilities/licensing/interchange/uk-caat-mapping.ts'
import { seedBuiltInList } from './capabilities/watchlists/built-in/seed-built-in-list.ts'
import {
  organisationsAdd,
  setupToken,
  tokensCreate,
  tokensRevoke,
  usersActivationLink,
  usersAdd,
  usersList,
  usersSetDisabled,
  usersSetPassword,
} from './cli/account-commands.ts'
import {
  assessApplication,
  policyHistory,
  policyMoratorium,
  policySet,
  policyShow,
  REFERENCE_IMPORT_VERBS,
  referenceImport,
} from './cli/assessment-commands.ts'
import { backupCommand } from './cli/backup/backup-command.ts'
import { restoreCommand } from './cli/backup/restore-command.ts'
import {
  INVESTIGATE_HELP,
  investigateCommand,
  investigationReportCommand,
} from './cli/investigation-commands.ts'
import { keysGenerate, logCheck, logProve, logVerify } from './cli/log-commands.ts'
import { logMonitor } from './cli/monitor-command.ts'
import { createProgress } from './cli/progress.ts'
import { licencesExpire, logBackfill } from './cli/register-log-commands.ts'
import { reportCommand } from './cli/report-commands.ts'
import { CliUsageError, listsImport, listsStatus, screenNames } from './cli/watchlist-commands.ts'
import { type Config, ConfigError, loadConfigWith } from './config/config.ts'
import { startServer } from './main.ts'
import { systemClock } from './platform/clock.ts'
import { openMigratedDatabase } from './platform/db/open-migrated.ts'

const HELP: Record<string, string> = {
  main: `glasshouse — the cyber-surveillance export register

Usage: glasshouse <command> [options]

Commands:
  serve                      serve the API and portal (PORT, default 8080)
  migrate                    apply database migrations
  demo                       create a deterministic demo register
  import licences FILE       import the licence CSV or JSON (all or nothing)
  export licences            export the register as CSV or JSON
  authorities add            add a competent authority (e.g. the UK's)
  lists import PATH...       import a sanctions / denied-party list (--format …)
  lists status               the lists in force: dates, counts, changes
  screen NAME...             screen names against every list in force
  log verify                 check the public decision log and the register against it
  log prove REF              print the offline proof bundle of a licence's decisions
  log backfill               bring decisions recorded before the log covered them into it (once)
  licences expire            expire licences past their last valid day (the server does it hourly)
  log check FILE             check a proof bundle offline (no database, no server)
  log monitor URL            watch an instance's log from outside (--vkey; --cosign as a witness)
  keys generate              make the log's Ed25519 signing key (GLASSHOUSE_LOG_KEY_FILE)
  backup --out FILE          back up the database, with a manifest FILE.json (counts, log root, SHA-256)
  restore FILE               restore a backup, check it against its manifest and verify the log
  users add|list|activation-link|set-password|disable|enable
                             accounts (the first administrator: users add --role admin)
  organisations add          register an exporting organisation
  tokens create|revoke       API tokens for machine clients
  setup-token                a one-time link to create the first administrator in the browser
  report                     the Art. 26 annual report of a year and scope (--publish freezes it)
  investigate                re-screen granted licences (--reason TEXT --scope …; --resume ID; report ID)
  assess REF                 assess an application's human-rights risk now and explain it
  policy show|history        the assessment policy in force, and every earlier version
  policy set FILE            put a new policy document in force (--reason TEXT)
  policy moratorium on|off   switch the cyber-surveillance moratorium (--reason TEXT)
  reference import-indicators FILE...
                             refresh the country indicators (Freedom House, V-Dem, RSF CSVs)
  reference import-spyware FILE / import-victim-cases FILE...
                             refresh the spyware evidence

Global options:
  --data-dir DIR             PGlite data directory (default ./data; GLASSHOUSE_DATA_DIR)
  --database-url URL         use PostgreSQL instead (DATABASE_URL)
  --json                     machine-readable output
  -h, --help                 help for any command`,
  serve:
    'Usage: glasshouse serve [--port N]\nServes the API (/api/v1, /api/public/v1), /openapi.json, /api/docs and the portal.',
  migrate:
    'Usage: glasshouse migrate\nApplies pending migrations and adds the built-in competent authorities.',
  demo: `Usage: glasshouse demo [--applications N] [--seed S] [--reference-prefix P]
Adds N (default 5000) deterministic fictional applications over 2021–2025 from all 27 authorities.`,
  import: `Usage: glasshouse import licences FILE [--format csv|json] [--mapping uk-caat] [--skip-invalid]
Imports the Glasshouse licence CSV (docs/formats/licence-csv.md) or its JSON form.
Nothing is written if any line is invalid, unless --skip-invalid: then every skipped line is listed.
--mapping uk-caat reads CAAT's UK values.csv (docs/formats/uk-caat-mapping.md).
Exit codes: 0 imported, 1 invalid input (nothing written), 2 usage error.`,
  export: `Usage: glasshouse export licences [--format csv|json] [--public] [--out FILE]
Writes the register (drafts excluded) to FILE or standard output. --public keeps only decided
applications and the public fields, with natural persons never named.`,
  authorities: 'Usage: glasshouse authorities add --id ID --state CC --name NAME [--source TEXT]',
  lists: `Usage: glasshouse lists import --format FORMAT PATH... [--allow-older]
       glasshouse lists status [--changes]
FORMAT: un-xml | ofac-sdn | ofac-cons | bis-dpl | csl | ftm | eu-fsf
  un-xml     UN Security Council consolidated list XML
  ofac-sdn   OFAC SDN legacy CSV: sdn.csv add.csv alt.csv [sdn_comments.csv]
  ofac-cons  OFAC consolidated non-SDN CSV: cons_prim.csv cons_add.csv cons_alt.csv [cons_comments.csv]
  bis-dpl    BIS Denied Persons List (tab-separated)
  csl        US Consolidated Screening List CSV
  ftm        OpenSanctions FollowTheMoney JSON lines (entities or delta)
  eu-fsf     EU Financial Sanctions File XML
A new version replaces the list in force in one transaction and records what was added, removed
and modified; a file that fails to parse changes nothing. A file dated before the version in force
is refused unless --allow-older. Exit codes: 0 imported, 1 invalid input, 2 usage error.`,
  log: `Usage: glasshouse log verify [--json]
       glasshouse log prove REF [--json]
       glasshouse log backfill [--json]
       glasshouse log check FILE|- [--vkey VKEY] [--json]
       glasshouse log monitor URL --vkey VKEY|--vkey-file FILE [--state FILE] [--cosign KEYFILE] [--json]
verify recomputes every leaf, node and checkpoint of the public decision log, checks the
signatures and consistency, then holds the register to the leaves both ways: every decision row
has its leaf and every decision leaf its row; each application's state is where its logged
decisions lead; every licence (number, validity) and Art. 16 denial notice agrees with the leaf
that made it; every policy version and published report file agrees with its leaf. It names each
kind of mismatch with the first row it hits. backfill appends, once, the decisions and policy
versions an earlier release recorded without logging them (each leaf marked "backfilled"). prove prints the proof bundle of one licence,
which verifies offline. check verifies such a bundle (a file, or - for standard input, e.g.
curl .../api/public/v1/licences/REF/proof | glasshouse log check -) with no database and no
server; --vkey pins the log key you trust (from /api/public/v1/log/key or the authority's own
publication) instead of the one the bundle carries. Exit codes: 0 verified, 1 a mismatch or nothing logged, 2 usage error.
monitor (anyone, no database) fetches URL's signed checkpoint, checks it with the key you pin,
checks that the log only grew since the checkpoint kept in --state (default
./glasshouse-monitor.json) and that the new leaves in its tiles add up to the signed root; it
names a FORK, a SHRINK or a MISMATCH in plain words. --cosign KEYFILE (a witness signer key)
then cosigns the verified checkpoint and hands it to the log. Exit codes: 0 verified and state
saved, 1 any problem (state left as it was), 2 usage error.`,
  backup: `Usage: glasshouse backup --out FILE [--force] [--pg-bin DIR] [--json]
Backs up the configured database to FILE and writes its manifest to FILE.json: the migration, the
rows of every table, the log's size and latest checkpoint root, and the dump's SHA-256.
PostgreSQL: pg_dump --format=custom, in the snapshot the rows were counted in, so the server may
keep running; pg_dump of the server's major version (or newer) is looked for in --pg-bin DIR, then
/usr/lib/postgresql/<version>/bin, then PATH. PGlite: PGlite's gzipped tarball of the whole data
directory (with a development log key kept there, if any); stop the server first, as PGlite
allows one process at a time. FILE is written under a temporary name and renamed when complete,
owner-only (0600); an existing FILE is kept unless --force.
Exit codes: 0 backed up, 1 failed (no FILE written), 2 usage error.`,
  restore: `Usage: glasshouse restore FILE [--force] [--pg-bin DIR] [--json]
Restores a backup made by glasshouse backup into the configured database, after checking FILE's
size and SHA-256 against FILE.json; then checks that the migration, the rows of every table and the
log's size and latest root equal the manifest's, and runs the whole log verify (with the configured
log key, or the development key the PGlite backup carried). A database that already holds a
register (or a data directory that is not empty) is only replaced with --force.
PostgreSQL: pg_restore --clean --if-exists --no-owner --single-transaction, so a failure part-way
leaves the database as it was (the role glasshouse_tenant is made first if the server lacks it).
PGlite: unpacked into a new directory beside --data-dir, checked there, and only then swapped in;
a failed check changes nothing. Stop the server first.
Exit codes: 0 restored and verified, 1 refused, corrupted or a check failed (each difference
named), 2 usage error.`,
  keys: `Usage: glasshouse keys generate [--out FILE] [--json]
Makes an Ed25519 key for signing checkpoints, named after GLASSHOUSE_LOG_ORIGIN; writes the private
key to FILE (mode 0600, never overwriting) and prints the verifier key to publish.`,
  screen: `Usage: glasshouse screen NAME... [--schema Person|Organization|Company|Vessel|Any] [--country CC] [--threshold T] [--json]
       glasshouse screen --csv FILE [--json]
Screens names against every list in force and explains each hit. The CSV needs a header with
\`name\` and optionally \`schema\`, \`country\`, \`birth_date\`; the answer is CSV unless --json.`,
  assess: `Usage: glasshouse assess REF [--json]
Assesses the application REF now under the policy and evidence in force (trigger on_demand, actor
cli), stores the result and explains it: level, recommendation with reason codes, summary, every
finding with its evidence and legal basis, the policy version and the input hash.
Exit codes: 0 assessed, 1 no such application, 2 usage error.`,
  policy: `Usage: glasshouse policy show [--json]
       glasshouse policy history [--json]
       glasshouse policy set FILE --reason TEXT
       glasshouse policy moratorium on|off --reason TEXT [--effect refuse|hold]
show: the version in force, who set it, when and why, the moratorium and the document (JSON).
set: validates the JSON document FILE and puts it in force as a new version; an invalid document is
refused with every failing path and the policy in force stays.
moratorium: a new version with the moratorium switched on or off (--effect changes what it does
to cyber-surveillance applications in its scope: refuse them, or hold them for review).
Every change is recorded with who (cli), when and --reason, which is required.
Exit codes: 0 done, 1 refused (nothing changed), 2 usage error.`,
  reference: `Usage: glasshouse reference import-indicators FILE... [--json]
       glasshouse reference import-spyware FILE [--json]
       glasshouse reference import-victim-cases FILE... [--json]
import-indicators: the Freedom House, V-Dem and RSF CSVs, one of each, in any order
  (e.g. ../shared/data/country-indicators/*.csv).
import-spyware: operator_states.csv (documented use of mercenary spyware by state).
import-victim-cases: the anonymised victim-case CSVs (e.g. granitt-victim-cases/*.csv).
The newest import of each kind replaces the authored table of that kind in later assessments.
A file that fails to parse stores nothing; the error names the file, line and column.
Exit codes: 0 imported, 1 invalid input (nothing stored), 2 usage error.`,
}

const ACCOUNT_HELP = `Usage:
  glasshouse users add --email E --role ROLE [--name N] [--authority ID | --organisation ID] [--password-stdin]
  glasshouse users list
  glasshouse users disable|enable EMAIL
  glasshouse users activation-link EMAIL
  glasshouse users set-password EMAIL < password.txt
  glasshouse organisations add --id ID --name N --country CC --authority ID
  glasshouse tokens create --email E --name N [--scopes read,write]
  glasshouse tokens revoke ID
  glasshouse setup-token
Roles: exporter (needs --organisation), officer and senior_officer (need --authority), analyst,
investigator, complaint_handler, admin. There are no default passwords: pipe one with
--password-stdin (the administrator's choice, marked so), or users add prints a one-time activation
link (72 hours) with which the account's owner sets their own. Only an officer account its owner
activated may confirm or reject four-eyes proposals: an officer whose password an administrator
set (--password-stdin, set-password) needs a new link from users activation-link EMAIL.
Token secrets are shown once and stored hashed.`
HELP.report = `Usage: glasshouse report --year YYYY --scope EU|<ISO2>|<authority-id>
                        [--format html|csv|json|datapackage] --out DIR [--publish]
Computes the annual report from the register: every decision taken in the year in the scope.
--format csv writes one CSV per table and licences.csv (every decision); datapackage writes
datapackage.zip (a Frictionless Data Package). --publish freezes the report, stores every file
and appends their SHA-256 to the public decision log (publishing again makes a new version).`
HELP.investigate = INVESTIGATE_HELP
HELP.users = ACCOUNT_HELP
HELP.organisations = ACCOUNT_HELP
HELP.tokens = ACCOUNT_HELP
HELP['setup-token'] = ACCOUNT_HELP
HELP.licences = `Usage: glasshouse licences expire [--json]
Expires every granted licence whose last valid day has passed, dated the day after it, and appends
each expiry to the public decision log (origin "clock"). The server does the same at start and
every hour; this is for an operator who runs it from cron or wants it now.`

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  port: { type: 'string' },
  applications: { type: 'string' },
  seed: { type: 'string' },
  'reference-prefix': { type: 'string' },
  format: { type: 'string' },
  mapping: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  public: { type: 'boolean' },
  out: { type: 'string' },
  id: { type: 'string' },
  state: { type: 'string' },
  name: { type: 'string' },
  source: { type: 'string' },
  'allow-older': { type: 'boolean' },
  changes: { type: 'boolean' },
  schema: { type: 'string' },
  country: { type: 'string' },
  threshold: { type: 'string' },
  csv: { type: 'string' },
  reason: { type: 'string' },
  effect: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  authority: { type: 'string' },
  organisation: { type: 'string' },
  scopes: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  year: { type: 'string' },
  scope: { type: 'string' },
  publish: { type: 'boolean' },
  vkey: { type: 'string' },
  'vkey-file': { type: 'string' },
  cosign: { type: 'string' },
  resume: { type: 'string' },
  'page-size': { type: 'string' },
  force: { type: 'boolean' },
  'pg-bin': { type: 'string' },
} as const

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  const [command, subject, file] = positionals
  if (!command) return print(HELP.main as string)
  if (values.help) return print(HELP[command] ?? (HELP.main as string))
  const config = loadConfigWith({
    ...(values['data-dir'] ? { GLASSHOUSE_DATA_DIR: values['data-dir'] } : {}),
    ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
    ...(values.port ? { PORT: values.port } : {}),
  })
  const out = (human: string, data: object) =>
    values.json ? console.log(JSON.stringify(data)) : console.log(human)

  if (command === 'serve') {
    await startServer(config)
    return -1 // keep running
  }
  if (command === 'backup') {
    await backupCommand(config, out, {
      outFile: values.out,
      force: values.force ?? false,
      pgBin: values['pg-bin'],
    })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  }
  if (command === 'restore') {
    await restoreCommand(config, out, {
      file: subject,
      force: values.force ?? false,
      pgBin: values['pg-bin'],
      json: values.json ?? false,
    })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  }
  if (command === 'migrate') {
    return withDb(config, async () => {
      out('Database is up to date.', { ok: true })
    })
  }
  if (command === 'demo') {
    const applications = integer(values.applications ?? '5000', 'applications')
    const seed = integer(values.seed ?? '2021', 'seed')
    return withDb(config, async (db) => {
      const progress = createProgress('demo applications', applications)
      const started = Date.now()
      const written = await seedDemo(db, {
        applications,
        seed,
        log: decisionLogFor(config),
        ...(values['reference-prefix'] ? { referencePrefix: values['reference-prefix'] } : {}),
        onProgress: (done) => progress.update(done),
      })
      progress.stop()
      out(
        `Created ${written} demo applications in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        { applications: written, seconds: (Date.now() - started) / 1000 },
      )
    })
  }
  if (command === 'import' && subject === 'licences') {
    if (!file) throw new UsageError('import licences needs a FILE')
    if (!existsSync(file) || !statSync(file).isFile())
      throw new UsageError(`cannot read ${file}: no such file`)
    const format = values.format ?? (file.endsWith('.json') ? 'json' : 'csv')
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json')
    if (values.mapping && values.mapping !== 'uk-caat')
      throw new UsageError('--mapping must be uk-caat')
    return withDb(config, async (db) => {
      const progress = createProgress('rows')
      const started = Date.now()
      try {
        if (values.mapping === 'uk-caat') await ensureUkAuthority(db)
        const rows =
          values.mapping === 'uk-caat'
            ? readUkCaatLicences(file)
            : format === 'json'
              ? readLicenceJson(createReadStream(file))
              : readLicenceCsv(createReadStream(file))
        const result = await importLicenceRows(db, rows, {
          actor: 'cli',
          origin: 'cli',
          log: decisionLogFor(config),
          sourceSha256: await fileSha256(file),
          skipInvalid: values['skip-invalid'] ?? false,
          onProgress: (n) => progress.update(n),
        })
        progress.stop()
        for (const issue of result.skipped.slice(0, 200))
          console.error(`skipped: ${formatIssue(issue)}`)
        if (result.issueCount > 200) console.error(`… and ${result.issueCount - 200} more`)
        const seconds = (Date.now() - started) / 1000
        out(
          `Imported ${result.applications} applications (${result.items} item lines) in ${seconds.toFixed(1)} s; skipped ${result.skippedApplications} applications.`,
          { ...result, skipped: result.skipped.map(formatIssue), seconds },
        )
      } catch (error) {
        progress.stop()
        if (!(error instanceof ImportFailedError)) throw error
        for (const issue of error.importIssues.slice(0, 200)) console.error(formatIssue(issue))
        if (error.issueCount > 200) console.error(`… and ${error.issueCount - 200} more`)
        console.error(`Nothing was imported (${error.issueCount} problem(s)).`)
        if (values.json)
          console.log(
            JSON.stringify({
              imported: 0,
              issues: error.importIssues.map(formatIssue),
              issueCount: error.issueCount,
            }),
          )
        process.exitCode = 1
      }
    })
  }
  if (command === 'export' && subject === 'licences') {
    const format = values.format ?? 'csv'
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json')
    return withDb(config, async (db) => {
      const target = values.out ? createWriteStream(values.out) : process.stdout
      const progress = values.out
        ? createProgress('applications')
        : { update: () => {}, stop: () => {} }
      const result = await exportLicences(db, target, {
        format,
        public: values.public ?? false,
        onProgress: (n) => progress.update(n),
      })
      progress.stop()
      if (values.out) {
        await new Promise<void>((resolve) => target.end(() => resolve()))
        out(
          `Exported ${result.applications} applications (${result.items} item lines) to ${values.out}.`,
          result,
        )
      }
    })
  }
  if (command === 'authorities' && subject === 'add') {
    if (!values.id || !values.state || !values.name)
      throw new UsageError('authorities add needs --id, --state and --name')
    const input = {
      id: values.id,
      memberState: values.state,
      name: values.name,
      source: values.source ?? '',
    }
    return withDb(config, async (db) => {
      const authority = await insertAuthority(db, input)
      out(`Added authority ${authority.id} (${authority.memberState}).`, authority)
    })
  }
  if (command === 'lists' && subject === 'import') {
    const paths = positionals.slice(2)
    for (const path of paths)
      if (!existsSync(path) || !statSync(path).isFile())
        throw new UsageError(`cannot read ${path}: no such file`)
    return withDb(config, (db) =>
      listsImport(db, out, {
        format: values.format,
        paths,
        allowOlder: values['allow-older'] ?? false,
        json: values.json ?? false,
      }),
    )
  }
  if (command === 'lists' && subject === 'status')
    return withDb(config, (db) => listsStatus(db, out, values.changes ?? false))
  if (command === 'screen') {
    if (values.csv && (!existsSync(values.csv) || !statSync(values.csv).isFile()))
      throw new UsageError(`cannot read ${values.csv}: no such file`)
    return withDb(config, (db) =>
      screenNames(db, out, {
        names: positionals.slice(1),
        csv: values.csv,
        schema: values.schema,
        country: values.country,
        threshold: values.threshold,
        defaultThreshold: config.screeningThreshold,
        json: values.json ?? false,
      }),
    )
  }
  if (command === 'assess')
    return withDb(config, (db) =>
      assessApplication(db, out, { reference: subject, json: values.json ?? false }),
    )
  if (command === 'policy') {
    if (subject === 'show')
      return withDb(config, (db) => policyShow(db, out, decisionLogFor(config)))
    if (subject === 'history')
      return withDb(config, (db) => policyHistory(db, out, decisionLogFor(config)))
    if (subject === 'set') {
      if (!file) throw new UsageError('policy set needs a FILE (a JSON policy document)')
      if (!values.reason?.trim()) throw new UsageError('policy set needs --reason TEXT')
      if (!existsSync(file) || !statSync(file).isFile())
        throw new UsageError(`cannot read ${file}: no such file`)
      return withDb(config, (db) =>
        policySet(db, out, {
          file,
          reason: values.reason,
          json: values.json ?? false,
          log: decisionLogFor(config),
        }),
      )
    }
    if (subject === 'moratorium') {
      if (file !== 'on' && file !== 'off') throw new UsageError('policy moratorium needs on or off')
      if (!values.reason?.trim()) throw new UsageError('policy moratorium needs --reason TEXT')
      return withDb(config, (db) =>
        policyMoratorium(db, out, {
          state: file,
          reason: values.reason,
          effect: values.effect,
          json: values.json ?? false,
          log: decisionLogFor(config),
        }),
      )
    }
    throw new UsageError('policy needs show, history, set FILE or moratorium on|off')
  }
  if (command === 'reference') {
    if (!subject || !REFERENCE_IMPORT_VERBS.includes(subject))
      throw new UsageError(`reference needs one of ${REFERENCE_IMPORT_VERBS.join(', ')}`)
    const paths = positionals.slice(2)
    if (paths.length === 0) throw new UsageError(`reference ${subject} needs at least one FILE`)
    for (const path of paths)
      if (!existsSync(path) || !statSync(path).isFile())
        throw new UsageError(`cannot read ${path}: no such file`)
    return withDb(config, (db) =>
      referenceImport(db, out, { verb: subject, paths, json: values.json ?? false }),
    )
  }
  if (command === 'log' && subject === 'monitor')
    return logMonitor(out, {
      url: file,
      stateFile: values.state,
      vkey: values.vkey,
      vkeyFile: values['vkey-file'],
      cosignKeyFile: values.cosign,
      json: values.json ?? false,
    })
  if (command === 'log' && subject === 'backfill')
    return withDb(config, (db) => logBackfill(db, out, decisionLogFor(config)))
  if (command === 'licences' && subject === 'expire')
    return withDb(config, (db) =>
      licencesExpire(db, out, { clock: systemClock, log: decisionLogFor(config) }),
    )
  if (command === 'log' && subject === 'check') {
    await logCheck(out, { file, vkey: values.vkey, json: values.json ?? false })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  }
  if (command === 'log' && (subject === 'verify' || subject === 'prove')) {
    const { vkey } = loadLogKey(config)
    const options = { origin: config.log.origin, json: values.json ?? false }
    return withDb(config, (db) =>
      subject === 'verify'
        ? logVerify(db, out, {
            ...options,
            vkeys: [vkey],
            witnesses: config.log.witnesses,
            postgresUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
          })
        : logProve(db, out, { ...options, reference: file, vkey }),
    )
  }
  if (command === 'users') {
    if (subject === 'add')
      return withDb(config, (db) =>
        usersAdd(db, out, systemClock, {
          email: values.email,
          name: values.name,
          role: values.role,
          authority: values.authority,
          organisation: values.organisation,
          passwordStdin: values['password-stdin'] ?? false,
        }),
      )
    if (subject === 'list') return withDb(config, (db) => usersList(db, out))
    if (subject === 'set-password') return withDb(config, (db) => usersSetPassword(db, out, file))
    if (subject === 'activation-link')
      return withDb(config, (db) => usersActivationLink(db, out, systemClock, file))
    if (subject === 'disable' || subject === 'enable')
      return withDb(config, (db) =>
        usersSetDisabled(db, out, systemClock, file, subject === 'disable'),
      )
    throw new UsageError(
      'users needs add, list, activation-link EMAIL, set-password EMAIL, disable EMAIL or enable EMAIL',
    )
  }
  if (command === 'organisations' && subject === 'add')
    return withDb(config, (db) =>
      organisationsAdd(db, out, {
        id: values.id,
        name: values.name,
        country: values.country,
        authority: values.authority,
      }),
    )
  if (command === 'tokens') {
    if (subject === 'create')
      return withDb(config, (db) =>
        tokensCreate(db, out, { email: values.email, name: values.name, scopes: values.scopes }),
      )
    if (subject === 'revoke')
      return withDb(config, (db) => tokensRevoke(db, out, systemClock, file))
    throw new UsageError('tokens needs create or revoke ID')
  }
  if (command === 'report')
    return withDb(config, (db) =>
      reportCommand(db, out, {
        year: values.year,
        scope: values.scope,
        format: values.format,
        outDir: values.out,
        publish: values.publish ?? false,
        clock: systemClock,
        log: decisionLogFor(config),
      }),
    )
  if (command === 'investigate') {
    if (subject !== undefined && subject !== 'report')
      throw new UsageError('investigate takes --reason TEXT, --resume ID or report ID')
    return withDb(config, (db) =>
      subject === 'report'
        ? investigationReportCommand(db, out, {
            id: file,
            format: values.format,
            outFile: values.out,
          })
        : investigateCommand(db, out, {
            clock: systemClock,
            log: decisionLogFor(config),
            reason: values.reason,
            scope: values.scope,
            resume: values.resume,
            pageSize: values['page-size'],
          }),
    )
  }
  if (command === 'setup-token') return withDb(config, (db) => setupToken(db, out, systemClock))
  if (command === 'keys' && subject === 'generate') {
    keysGenerate(out, {
      origin: config.log.origin,
      json: values.json ?? false,
      ...(values.out ? { outFile: values.out } : {}),
    })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  }
  throw new UsageError(`unknown command: ${positionals.join(' ')}`)
}

async function withDb(
  config: Config,
  work: (db: Awaited<ReturnType<typeof openMigratedDatabase>>['db']) => Promise<void>,
): Promise<number> {
  const { db, close } = await openMigratedDatabase(config.database)
  try {
    await seedAuthorities(db)
    await seedBuiltInList(db, systemClock)
    await work(db)
  } finally {
    await close()
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0
}

/** The decision log the command line appends policy changes to, with the server's key. */
function decisionLogFor(config: Config): DecisionLog {
  const key = loadLogKey(config)
  if (key.warning) console.warn(`WARNING: ${key.warning}`)
  return createDecisionLog({ key, origin: config.log.origin, clock: systemClock })
}

function integer(text: string, name: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--${name} must be a whole number`)
  return Number(text)
}

function print(text: string): number {
  console.log(text)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      error instanceof CliUsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${error.message}\nRun glasshouse --help for usage.`)
      process.exit(2)
    }
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
