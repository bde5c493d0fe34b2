// What the monitor says, in words a journalist can repeat: what was seen, what it means, and
// nothing that needs Merkle trees to understand. Hashes are shortened to 16 hex digits.
import { toHex } from '../tlog/index.ts'
import type { SeenTree } from './compare-checkpoints.ts'

const short = (hash: Uint8Array) => `${toHex(hash).slice(0, 16)}…`

export const report = {
  first: (origin: string, now: SeenTree) =>
    `OK: ${origin} has ${now.size} leaves and every one adds up to the signed root ${short(now.rootHash)} (first check)`,
  grew: (origin: string, before: SeenTree, now: SeenTree) =>
    `OK: ${origin} grew from ${before.size} to ${now.size} leaves, consistent`,
  unchanged: (origin: string, now: SeenTree) =>
    `OK: ${origin} unchanged at ${now.size} leaves, same root ${short(now.rootHash)}`,

  unreachable: (why: string) => `UNREACHABLE: ${why}. Nothing was checked.`,
  refused: (url: string, keyName: string, why: string) =>
    `REFUSED: the checkpoint served at ${url} is not signed by the key you pinned for ${keyName} (${why}). ` +
    "Either the server no longer signs with the log's key, or it is not the log you think it is.",
  shrink: (origin: string, before: SeenTree, now: SeenTree) =>
    `SHRINK: the log signed by ${origin} now has ${now.size} leaves, but this monitor verified ${before.size} ` +
    `(root ${short(before.rootHash)}). A log may only grow: records were removed from the register's history.`,
  rewrite: (origin: string, before: SeenTree, now: SeenTree) =>
    `FORK: the log signed by ${origin} at size ${now.size} has root ${short(now.rootHash)}, but this monitor ` +
    `verified root ${short(before.rootHash)} at that size. Someone rewrote the register's history.`,
  fork: (origin: string, before: SeenTree, now: SeenTree, why: string) =>
    `FORK: the log signed by ${origin} at size ${now.size} does not extend the history this monitor verified ` +
    `at size ${before.size} (root ${short(before.rootHash)}). Someone rewrote the register's history. ` +
    `(The server's own consistency proof fails: ${why}.)`,
  tilesMismatch: (origin: string, before: SeenTree | undefined, now: SeenTree) =>
    `MISMATCH: the leaves published as tiles do not add up to the root ${short(now.rootHash)} that ${origin} ` +
    `signed at size ${now.size}${before ? `, although its signed history extends the one this monitor verified at size ${before.size}` : ''}. ` +
    'What the register publishes is not what its log signed.',
  tilesContradict: (why: string) =>
    `MISMATCH: the published tiles contradict each other: ${why}. What the register publishes is not what its log signed.`,
  unproven: (origin: string, before: SeenTree, now: SeenTree, why: string) =>
    `UNPROVEN: the leaves published as tiles do not extend the history this monitor verified at size ${before.size} ` +
    `to the root ${origin} signed at size ${now.size}, and the server gives no consistency proof (${why}). ` +
    'This may be a rewritten history; this monitor cannot rule it out.',
}
