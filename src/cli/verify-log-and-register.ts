// The whole check behind `glasshouse log verify`, as a library function the tests call: the
// tree, its checkpoints and signatures first; then, against the verified leaves, the register
// (decisions, states, licences, denial notices), the policy versions and the published reports,
// both ways; then the witnesses' cosignatures.
import { verifyCosignatures } from '../capabilities/decision-log/cosignatures.ts'
import type { LogDb } from '../capabilities/decision-log/log-store.ts'
import { verifyLog } from '../capabilities/decision-log/verify-log.ts'
import { verifyRecords } from '../capabilities/decision-log/verify-records.ts'
import { verifyRegisterAgainstLog } from '../capabilities/licensing/verify-register.ts'

export type Verification = {
  ok: boolean
  leaves: number
  checkpoints: number
  applications: number
  decisions: number
  licences: number
  notices: number
  policies: number
  reports: number
  /** Each kind of mismatch found, with the first row it hits. */
  problems: { kind: string; message: string }[]
}

export async function verifyLogAndRegister(
  db: LogDb,
  options: {
    vkeys: readonly string[]
    origin?: string
    witnesses?: readonly string[]
    /** PostgreSQL's URL: a large register is then checked on worker threads (see verifyRegisterAgainstLog). */
    postgresUrl?: string | undefined
    workers?: number
  },
): Promise<Verification> {
  const result: Verification = {
    ok: false,
    leaves: 0,
    checkpoints: 0,
    applications: 0,
    decisions: 0,
    licences: 0,
    notices: 0,
    policies: 0,
    reports: 0,
    problems: [],
  }
  // The tree and the register are read side by side: each waits on the database while the
  // other hashes or compares. The register's findings only count once the tree has verified.
  // Decision leaves are read once, by the register check, which hashes their bytes; the tree
  // check takes their stored hashes for the leaves inside the register's snapshot.
  let registerLogSize: (size: number) => void = () => {}
  const hashedBelow = new Promise<number>((resolve) => {
    registerLogSize = resolve
  })
  const registerChecked = verifyRegisterAgainstLog(db, {
    postgresUrl: options.postgresUrl,
    onLogSize: registerLogSize,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  })
  registerChecked.catch(() => registerLogSize(0)) // the tree then hashes every leaf itself
  const [tree, register] = await Promise.allSettled([
    hashedBelow.then((below) =>
      verifyLog(db, options.vkeys, {
        ...(options.origin === undefined ? {} : { origin: options.origin }),
        bytesHashedElsewhere: { kind: 'decision', below },
      }),
    ),
    registerChecked,
  ])
  if (tree.status === 'rejected') throw tree.reason
  // A decision leaf whose bytes do not match its hash is a broken tree, found by the register.
  const leafBytes =
    register.status === 'fulfilled'
      ? register.value.problems.find((p) => p.kind === 'leaf bytes differ from their hash')
      : undefined
  if (!tree.value.ok || leafBytes) {
    // Nothing else can be trusted when the tree itself does not verify.
    const message = tree.value.ok ? (leafBytes as { message: string }).message : tree.value.problem
    result.problems.push({ kind: 'log tree', message })
    return result
  }
  if (register.status === 'rejected') throw register.reason
  result.leaves = tree.value.size
  const counted = await db
    .selectFrom('log_checkpoints')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  result.checkpoints = Number(counted.n)

  Object.assign(result, {
    applications: register.value.applications,
    decisions: register.value.decisions,
    licences: register.value.licences,
    notices: register.value.notices,
  })
  result.problems.push(...register.value.problems)

  const records = await verifyRecords(db)
  if (records.ok) Object.assign(result, { policies: records.policies, reports: records.reports })
  else
    result.problems.push(
      ...records.problems.map((message) => ({ kind: 'policy or report', message })),
    )

  if (options.vkeys[0]) {
    const cosigned = await verifyCosignatures(db, {
      logVkey: options.vkeys[0],
      witnessKeys: options.witnesses ?? [],
    })
    if (!cosigned.ok) result.problems.push({ kind: 'cosignature', message: cosigned.problem })
  }
  result.ok = result.problems.length === 0
  return result
}
