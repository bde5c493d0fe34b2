import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe(loadConfig.name, () => {
  it('defaults to PGlite in ./data on port 8080', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' })
  })

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/gh', PORT: '9000' })
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@localhost:5432/gh' })
    expect(config.port).toBe(9000)
  })

  it('keeps the data directory whatever the database is (the development log key lives there)', () => {
    expect(loadConfig({}).dataDir).toBe('./data')
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@localhost/gh',
      GLASSHOUSE_DATA_DIR: '/srv/gh',
    })
    expect(config.dataDir).toBe('/srv/gh')
  })

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
  })

  it('reads the session limits and refuses nonsense', () => {
    expect(loadConfig({}).sessions).toEqual({ idleMinutes: 30, absoluteHours: 12 })
    expect(() => loadConfig({ GLASSHOUSE_SESSION_IDLE_MINUTES: '0' })).toThrow(
      /GLASSHOUSE_SESSION_IDLE_MINUTES/,
    )
  })

  it('takes a screening threshold between 0.3 and 1, or leaves the matcher default', () => {
    expect(loadConfig({}).screeningThreshold).toBeUndefined()
    expect(loadConfig({ GLASSHOUSE_SCREENING_THRESHOLD: '0.8' }).screeningThreshold).toBe(0.8)
    expect(() => loadConfig({ GLASSHOUSE_SCREENING_THRESHOLD: '1.5' })).toThrow(
      /GLASSHOUSE_SCREENING_THRESHOLD/,
    )
  })

  it('serves metrics only with a long enough token', () => {
    expect(loadConfig({}).metricsToken).toBeNull()
    const token = 'a'.repeat(32)
    expect(loadConfig({ GLASSHOUSE_METRICS_TOKEN: token }).metricsToken).toBe(token)
    expect(() => loadConfig({ GLASSHOUSE_METRICS_TOKEN: 'short' })).toThrow(
      /GLASSHOUSE_METRICS_TOKEN/,
    )
  })
})
