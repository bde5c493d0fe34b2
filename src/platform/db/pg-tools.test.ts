import { describe, expect, it } from 'vitest'
import { connectionFor, findPgTool, parseToolVersion, redactUrl } from './pg-tools.ts'

describe('PostgreSQL client programs', () => {
  it('never shows a password: redacted in messages, moved out of the command line', () => {
    const url = 'postgres://glasshouse:s3cr%40t@db.example:5432/register?sslmode=require'
    expect(redactUrl(url)).toBe(
      'postgres://glasshouse:***@db.example:5432/register?sslmode=require',
    )
    expect(redactUrl('postgres://db.example/register?password=s3cr3t')).not.toContain('s3cr3t')
    expect(redactUrl('postgres://db.example/register')).toBe('postgres://db.example/register')

    const { dbname, env } = connectionFor(url)
    expect(dbname).toBe('postgres://glasshouse@db.example:5432/register?sslmode=require')
    expect(env).toEqual({ PGPASSWORD: 's3cr@t' })
    expect(connectionFor('postgres://db.example/r?password=p&sslmode=disable')).toEqual({
      dbname: 'postgres://db.example/r?sslmode=disable',
      env: { PGPASSWORD: 'p' },
    })
  })

  it('reads the version a program reports, and names the flag when none is found', async () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toEqual({
      version: '15.18',
      major: 15,
    })
    expect(parseToolVersion('pg_restore (PostgreSQL) 17beta1')).toEqual({
      version: '17',
      major: 17,
    })
    expect(parseToolVersion('something else')).toBeUndefined()
    await expect(findPgTool('pg_dump', 15, '/nonexistent/bin')).rejects.toThrow(
      'no pg_dump in /nonexistent/bin (--pg-bin)',
    )
    // No server this new exists: the search ends in a message saying what to install.
    await expect(findPgTool('pg_restore', 99)).rejects.toThrow(/postgresql-client-99.*--pg-bin/)
  })
})
