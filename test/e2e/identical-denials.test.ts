import { describe, expect, it } from 'vitest'
import { applicationBody, testApp, uniqueReference } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

type Flag = {
  authorityId: string
  issuingState: string
  matchedOn: string
  controlEntry: string
  kind: string
}

describe('essentially identical transactions across authorities (Art. 16)', () => {
  it('flags a German application that repeats a French refusal, and shows that denial', async () => {
    const { call, callFor } = testApp(database.db)
    const endUser = {
      name: `Directorate of Technical Surveillance ${uniqueReference()}`,
      country: 'BH',
      type: 'government_intelligence',
      description: 'Intelligence service',
    }
    const french = applicationBody({
      authorityId: 'fr-sbdu',
      exporter: { name: 'Aquilon SAS', country: 'FR' },
      endUser,
      destination: 'BH',
      consignee: { name: 'Manama Trading WLL', country: 'BH' },
    })
    await callFor('fr-sbdu')('POST', '/api/v1/applications', french)
    for (const step of ['submit', 'review'])
      await callFor('fr-sbdu')('POST', `/api/v1/applications/${french.reference}/${step}`)
    const refusal = await callFor('fr-sbdu')(
      'POST',
      `/api/v1/applications/${french.reference}/decision`,
      {
        decision: 'refused',
        reasons: ['CP2'],
        explanation: 'Clear risk of internal repression',
      },
    )
    expect(refusal.status).toBe(200)

    // Same end user spelled differently, a sub-item of the refused entry, another authority.
    const german = applicationBody({
      authorityId: 'de-bafa',
      endUser: {
        ...endUser,
        name: endUser.name.toUpperCase().replace('Directorate', 'DIRECTORATE,'),
      },
      destination: 'BH',
      consignee: { name: 'Another Consignee', country: 'BH' },
      items: [
        {
          controlEntry: '5A001.j.1',
          description: 'Probe',
          quantity: '2',
          value: '100',
          currency: 'EUR',
        },
      ],
    })
    await call('POST', '/api/v1/applications', german)
    const submitted = (await (
      await call('POST', `/api/v1/applications/${german.reference}/submit`)
    ).json()) as { identicalDenials: Flag[] }
    expect(submitted.identicalDenials).toEqual([
      expect.objectContaining({
        authorityId: 'fr-sbdu',
        issuingState: 'FR',
        matchedOn: 'end_user',
        controlEntry: '5A001.j.1',
        kind: 'refusal',
      }),
    ])

    // A different entry to the same end user is not essentially identical.
    const crypto = applicationBody({
      endUser,
      destination: 'BH',
      items: [
        {
          controlEntry: '5A002',
          description: 'Encryption',
          quantity: '1',
          value: '1',
          currency: 'EUR',
        },
      ],
    })
    await call('POST', '/api/v1/applications', crypto)
    const other = (await (
      await call('POST', `/api/v1/applications/${crypto.reference}/submit`)
    ).json()) as { identicalDenials: Flag[] }
    expect(other.identicalDenials).toEqual([])

    // Every authority sees the notice.
    const notices = (await (
      await call('GET', '/api/v1/denial-notices?authority=fr-sbdu')
    ).json()) as { items: { reference: string; reviewDue: string; notifiedOn: string }[] }
    const notice = notices.items.find((n) => n.reference === french.reference)
    expect(notice).toBeDefined()
    expect(Number(notice?.reviewDue.slice(0, 4)) - Number(notice?.notifiedOn.slice(0, 4))).toBe(3)
  })

  it('flags on the consignee too, and revocations count as denials', async () => {
    const { callFor } = testApp(database.db)
    const consignee = { name: `Shared Consignee ${uniqueReference()} FZE`, country: 'AE' }
    const first = applicationBody({
      authorityId: 'it-uama',
      exporter: { name: 'Cigno S.r.l.', country: 'IT' },
      consignee,
    })
    await callFor('it-uama')('POST', '/api/v1/applications', first)
    for (const step of ['submit', 'review'])
      await callFor('it-uama')('POST', `/api/v1/applications/${first.reference}/${step}`)
    // Granted, then revoked, each by one officer and confirmed by a second (four-eyes).
    const confirm = () =>
      callFor('it-uama', 'second')('POST', `/api/v1/applications/${first.reference}/confirmation`, {
        confirm: true,
      })
    const grant = await callFor('it-uama')(
      'POST',
      `/api/v1/applications/${first.reference}/decision`,
      {
        decision: 'granted',
        reasons: ['NO_SIGNIFICANT_RISK'],
        justification: 'Granted against the recommendation to set up the revocation',
      },
    )
    if (grant.status === 202) expect((await confirm()).status).toBe(200)
    expect(
      (
        await callFor('it-uama')('POST', `/api/v1/applications/${first.reference}/revoke`, {
          reasons: ['NEW_EVIDENCE'],
          explanation: 'Diverted',
        })
      ).status,
    ).toBe(202)
    expect((await confirm()).status).toBe(200)

    const second = applicationBody({
      authorityId: 'nl-cdiu',
      exporter: { name: 'Zeevalk B.V.', country: 'NL' },
      consignee: { ...consignee, name: consignee.name.replace(' FZE', '') },
      endUser: {
        name: 'Somebody else',
        country: 'AE',
        type: 'private_company',
        description: 'Reseller',
      },
    })
    await callFor('nl-cdiu')('POST', '/api/v1/applications', second)
    const submitted = (await (
      await callFor('nl-cdiu')('POST', `/api/v1/applications/${second.reference}/submit`)
    ).json()) as { identicalDenials: Flag[] }
    expect(submitted.identicalDenials).toEqual([
      expect.objectContaining({
        authorityId: 'it-uama',
        matchedOn: 'consignee',
        kind: 'revocation',
      }),
    ])
  })

  it('matches end-user names with the screening matcher, and says how close they were', async () => {
    const { call, callFor } = testApp(database.db)
    const place = uniqueReference('P').slice(2)
    const endUser = {
      name: `Ministry of the Interior of Zeta ${place}`,
      country: 'EG',
      type: 'government_police',
      description: 'Interior ministry',
    }
    const refused = applicationBody({ authorityId: 'se-isp', endUser, destination: 'EG' })
    await callFor('se-isp')('POST', '/api/v1/applications', refused)
    for (const step of ['submit', 'review'])
      await callFor('se-isp')('POST', `/api/v1/applications/${refused.reference}/${step}`)
    await callFor('se-isp')('POST', `/api/v1/applications/${refused.reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Risk of internal repression',
    })

    const variant = applicationBody({
      authorityId: 'de-bafa',
      endUser: { ...endUser, name: `Zeta ${place} Interior Ministry` },
      destination: 'EG',
      consignee: { name: `Cairo Reseller ${place}`, country: 'EG' },
    })
    await call('POST', '/api/v1/applications', variant)
    const flagged = (await (
      await call('POST', `/api/v1/applications/${variant.reference}/submit`)
    ).json()) as { identicalDenials: (Flag & { nameScore: number })[] }
    expect(flagged.identicalDenials).toEqual([
      expect.objectContaining({ authorityId: 'se-isp', matchedOn: 'end_user' }),
    ])
    expect(flagged.identicalDenials[0]?.nameScore).toBeLessThan(1)
    expect(flagged.identicalDenials[0]?.nameScore).toBeGreaterThanOrEqual(0.85)

    // Another ministry of the same state is a different end user.
    const other = applicationBody({
      authorityId: 'de-bafa',
      endUser: { ...endUser, name: `Ministry of Defence of Zeta ${place}` },
      destination: 'EG',
      consignee: { name: `Alexandria Reseller ${place}`, country: 'EG' },
    })
    await call('POST', '/api/v1/applications', other)
    const clear = (await (
      await call('POST', `/api/v1/applications/${other.reference}/submit`)
    ).json()) as { identicalDenials: Flag[] }
    expect(clear.identicalDenials).toEqual([])
  })
})
