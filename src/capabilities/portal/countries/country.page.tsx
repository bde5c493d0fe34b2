import type { Country } from '../../reference-data/countries.ts'
import { Page } from '../layout.tsx'
import { registerHref } from '../links.ts'
import type { DecisionLine, YearCounts } from './countries.query.ts'
import {
  EmbargoesSection,
  IndicatorsSection,
  PegasusSection,
  SpywareSection,
} from './country-evidence.sections.tsx'
import type { EvidenceForPage } from './country-evidence-in-force.ts'
import { type DecisionCounts, DecisionStats } from './decision-counts.tsx'
import { DecisionLinesTable } from './decision-lines.table.tsx'
import { LicencesByYearChart } from './licences-by-year.chart.tsx'

export type CountryPageData = {
  country: Country
  counts: DecisionCounts
  years: YearCounts[]
  latest: DecisionLine[]
  evidence: EvidenceForPage
  pegasus: boolean
}

/** One destination: who exports what to it, and what is known about its human-rights record. */
export function CountryPage(props: CountryPageData) {
  const { country, counts, years, latest, evidence, pegasus } = props
  const name = country.name
  const register = registerHref({ destination: country.alpha2 })
  return (
    <Page title={`${name} — destinations — Glasshouse`}>
      <p class="breadcrumb">
        <a href="/countries">Destinations</a>
      </p>
      <h1>
        {name} <span class="muted">({country.alpha2})</span>
      </h1>
      <nav aria-label="On this page" class="on-this-page">
        <a href="#licences">Licences</a> · <a href="#pegasus">Pegasus Project</a> ·{' '}
        <a href="#indicators">Indicators</a> · <a href="#spyware">Spyware abuse</a> ·{' '}
        <a href="#embargoes">Embargoes</a>
      </nav>
      <section aria-labelledby="licences">
        <h2 id="licences">Licences and decisions</h2>
        <DecisionStats counts={counts} label={`Published decisions to ${name}`} />
        {years.length > 0 ? (
          <LicencesByYearChart years={years} countryName={name} />
        ) : (
          <p>No decisions to {name} have been published.</p>
        )}
        {latest.length > 0 ? (
          <DecisionLinesTable
            caption={`Latest decisions to ${name}, newest first`}
            lines={latest}
            omit="destination"
          />
        ) : null}
        <p>
          <a href={register}>All decisions to {name} in the register</a>
        </p>
      </section>
      <PegasusSection named={pegasus} countryName={name} />
      <IndicatorsSection evidence={evidence} countryName={name} />
      <SpywareSection evidence={evidence} countryName={name} />
      <EmbargoesSection evidence={evidence} countryName={name} />
    </Page>
  )
}
