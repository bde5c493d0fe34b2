import { describe, expect, it } from 'vitest'
import type { BackupManifest } from './backup-manifest.ts'
import { type DatabaseFacts, factDifferences } from './database-facts.ts'
import { keyProblem } from './verify-restored.ts'

const facts: DatabaseFacts = {
  migration: '2026_12_07_0200_four_eyes_without_gaps',
  serverVersion: '15.18',
  tables: { applications: 12, decisions: 30, log_leaves: 31 },
  log: {
    size: 31,
    checkpointSize: 31,
    checkpointRoot: 'cm9vdA==',
    signedBy: ['gh.example/log+0a1b2c3d'],
  },
}
const manifest = { ...facts, log: { ...facts.log } } as unknown as BackupManifest

describe('what a restore is held to', () => {
  it('names every way the restored database differs from the manifest', () => {
    expect(factDifferences(facts, facts)).toEqual([])
    const restored: DatabaseFacts = {
      ...facts,
      migration: '2026_11_28_2400_create_investigations',
      tables: { applications: 11, log_leaves: 31, extra: 1 },
      log: { ...facts.log, checkpointRoot: 'b3RoZXI=' },
    }
    expect(factDifferences(facts, restored)).toEqual([
      'migration: the backup is at 2026_12_07_0200_four_eyes_without_gaps, the restored database at 2026_11_28_2400_create_investigations',
      'table applications: 12 rows in the backup, 11 after restore',
      'table decisions: 30 rows in the backup, missing after restore',
      'table extra: not in the backup, 1 rows after restore',
      'latest checkpoint: size 31 root cm9vdA== in the backup, size 31 root b3RoZXI= restored',
    ])
  })

  it('names a missing or wrong log key before anything is verified', () => {
    expect(keyProblem('gh.example/log+0a1b2c3d+AAAA', manifest)).toBeNull()
    expect(keyProblem(null, manifest)).toContain(
      'set GLASSHOUSE_LOG_KEY_FILE to the key that signed it (gh.example/log+0a1b2c3d)',
    )
    expect(keyProblem('gh.example/log+ffffffff+AAAA', manifest)).toContain(
      'signed by gh.example/log+0a1b2c3d, but the configured log key is gh.example/log+ffffffff',
    )
  })
})
