import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { verifyRecords } from '../../src/capabilities/decision-log/verify-records.ts'
import { applicationBody, grantWithFourEyes, testApp } from '../factories.ts'
import { glasshouse } from '../glasshouse-cli.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
const year = new Date().getUTCFullYear()

type Published = {
  id: number
  version: number
  scope: string
  logIndex: number
  licenceCount: number
  files: { name: string; sha256: string }[]
}

async function decided(t: ReturnType<typeof testApp>, outcome: 'granted' | 'refused') {
  const body = applicationBody({
    destination: 'NO',
    consignee: { name: 'Fjord AS', country: 'NO' },
  })
  await t.call('POST', '/api/v1/applications', body)
  for (const step of ['submit', 'review'])
    await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)
  const response =
    outcome === 'granted'
      ? await grantWithFourEyes(t, body.reference, { justification: 'Allied destination' })
      : await t.call('POST', `/api/v1/applications/${body.reference}/decision`, {
          decision: 'refused',
          reasons: ['CP2'],
          explanation: 'Risk of internal repression',
        })
  expect(response.status).toBe(200)
  return body.reference
}

describe('publishing the annual report', () => {
  it('freezes the files, logs their hashes, serves them byte for byte, and versions republication', async () => {
    const t = testApp(database.db)
    await decided(t, 'granted')
    await decided(t, 'refused')
    const response = await t.call('POST', '/api/v1/reports', { year, scope: 'DE' })
    expect(response.status).toBe(201)
    const published = (await response.json()) as Published
    expect(published).toMatchObject({ version: 1, scope: 'DE' })
    expect(published.licenceCount).toBeGreaterThanOrEqual(2)
    const names = published.files.map((f) => f.name)
    for (const name of [
      'report.html',
      'report.json',
      'licences.csv',
      'datapackage.zip',
      'by-destination.csv',
    ])
      expect(names).toContain(name)

    // The log leaf names the report and every file's SHA-256.
    const leaf = (await (
      await t.app.request(`/api/public/v1/log/leaves/${published.logIndex}`)
    ).json()) as {
      leaf: string
    }
    const logged = JSON.parse(leaf.leaf) as { type: string; files: Record<string, string> }
    expect(logged.type).toBe('report')
    for (const file of published.files) {
      expect(logged.files[file.name]).toBe(file.sha256)
      const download = await t.app.request(
        `/api/public/v1/reports/${published.id}/files/${file.name}`,
      )
      expect(download.status).toBe(200)
      const bytes = new Uint8Array(await download.arrayBuffer())
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256)
    }

    // The data package lists each CSV with its hash and schema.
    const zip = new Uint8Array(
      await (
        await t.app.request(`/api/public/v1/reports/${published.id}/files/datapackage.zip`)
      ).arrayBuffer(),
    )
    const entries = unzipSync(zip)
    const descriptor = JSON.parse(strFromU8(entries['datapackage.json'] as Uint8Array)) as {
      resources: { path: string; hash: string; schema: { fields: { name: string }[] } }[]
    }
    for (const resource of descriptor.resources) {
      const content = entries[resource.path] as Uint8Array
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(content).digest('hex')}`)
      const header = strFromU8(content).split('\n')[0]
      expect(header).toBe(resource.schema.fields.map((f) => f.name).join(','))
    }
    const licences = strFromU8(entries['licences.csv'] as Uint8Array)
      .trim()
      .split('\n')
    expect(licences.length - 1).toBe(published.licenceCount)

    // Listed publicly; the portal serves the frozen HTML; republishing makes version 2.
    const list = (await (await t.app.request('/api/public/v1/reports')).json()) as {
      items: Published[]
    }
    expect(list.items.map((r) => r.id)).toContain(published.id)
    const html = await t.app.request(`/reports/${published.id}/report.html`)
    expect(html.status).toBe(200)
    expect(await html.text()).toContain('<svg')
    const again = (await (
      await t.call('POST', '/api/v1/reports', { year, scope: 'DE' })
    ).json()) as Published
    expect(again.version).toBe(2)

    const check = await verifyRecords(database.db)
    expect(check, JSON.stringify(check)).toMatchObject({ ok: true })
    expect(check.ok && check.reports).toBeGreaterThanOrEqual(2)
  })

  it('lets a senior officer publish only their own state or authority, and the Commission’s analysts any', async () => {
    const t = testApp(database.db)
    expect((await t.call('POST', '/api/v1/reports', { year, scope: 'FR' })).status).toBe(403)
    expect((await t.call('POST', '/api/v1/reports', { year, scope: 'EU' })).status).toBe(403)
    expect((await t.call('POST', '/api/v1/reports', { year, scope: 'de-bafa' })).status).toBe(201)
    expect(
      (await t.callAs('analyst')('POST', '/api/v1/reports', { year, scope: 'EU' })).status,
    ).toBe(201)
    const bad = await t.callAs('analyst')('POST', '/api/v1/reports', { year, scope: 'Atlantis' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('scope')
  })

  it('shows a live report in the portal and explains a wrong scope', async () => {
    const t = testApp(database.db)
    const page = await t.app.request(`/reports/live?year=${year}&scope=EU`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<svg')
    const wrong = await t.app.request(`/reports/live?year=${year}&scope=Atlantis`)
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('scope')
  })

  it('reads a live report without a scope as the Union’s, and every download it offers works', async () => {
    const t = testApp(database.db)
    for (const address of [`/reports/live?year=${year}`, `/reports/live?year=${year}&scope=`]) {
      const page = await t.app.request(address)
      expect(page.status).toBe(200)
      const links = [...(await page.text()).matchAll(/href="(\/reports\/live\/[^"]+)"/g)].map((m) =>
        (m[1] as string).replaceAll('&amp;', '&'),
      )
      expect(links).toHaveLength(3)
      for (const link of links) {
        expect(link).toContain('scope=EU')
        expect((await t.app.request(link)).status, link).toBe(200)
      }
    }
  })
})

describe('glasshouse report', () => {
  it('writes every format, publishes, and log verify checks the published files', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'glasshouse-report-')), 'data')
    expect((await glasshouse(['demo', '--applications', '300'], dataDir)).code).toBe(0)
    const out = join(dataDir, '..', 'out')
    for (const format of ['html', 'csv', 'json', 'datapackage']) {
      const run = await glasshouse(
        ['report', '--year', '2023', '--scope', 'EU', '--format', format, '--out', out, '--json'],
        dataDir,
      )
      expect(run.code, run.stderr).toBe(0)
    }
    for (const name of ['report.html', 'report.json', 'licences.csv', 'datapackage.zip'])
      expect(existsSync(join(out, name)), name).toBe(true)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      licenceCount: number
    }
    const rows = readFileSync(join(out, 'licences.csv'), 'utf8').trim().split('\n')
    expect(rows.length - 1).toBe(report.licenceCount)
    expect(report.licenceCount).toBeGreaterThan(0)

    const published = await glasshouse(
      ['report', '--year', '2023', '--scope', 'EU', '--publish', '--json'],
      dataDir,
    )
    expect(published.code, published.stderr).toBe(0)
    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, reports: 1 })

    const wrong = await glasshouse(
      ['report', '--year', '2023', '--scope', 'XX', '--out', out],
      dataDir,
    )
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toContain('scope')
  }, 180_000)
})
