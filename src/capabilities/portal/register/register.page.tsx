import { LicenceTypeSchema } from '../../licensing/fields.ts'
import { PublicDecisionSchema } from '../../licensing/lifecycle.ts'
import { CONTROL_ENTRIES, TechnologyCategorySchema } from '../../reference-data/control-entries.ts'
import { COUNTRIES, countryName, EU_MEMBER_STATES } from '../../reference-data/countries.ts'
import {
  findGeneralAuthorisation,
  GeaCodeSchema,
} from '../../reference-data/general-authorisations.ts'
import { TECHNOLOGY_LABELS } from '../../reporting/report-data.ts'
import { Page } from '../layout.tsx'
import { words } from '../licence/licence-labels.ts'
import { LicenceTable, type PublicLicenceRow } from '../licence-table.tsx'
import {
  MAX_PAGE,
  PAGE_SIZES,
  type RegisterSearch,
  type SearchProblem,
  searchHref,
} from './register-search.ts'

const DECISIONS = PublicDecisionSchema.options.filter((d) => d !== 'pending')
const SORTS = [
  ['newest', 'Decision date, newest first'],
  ['oldest', 'Decision date, oldest first'],
  ['reference', 'Reference'],
] as const
const BY_NAME = [...COUNTRIES].sort((a, b) => a.name.localeCompare(b.name))

/** The register: a search form whose every state is a shareable URL, the results, downloads. */
export function RegisterPage(props: {
  search: RegisterSearch
  items: PublicLicenceRow[]
  total: number
  years: number[]
}) {
  const { search, items, total } = props
  const first = (search.page - 1) * search.size + 1
  const last = first + items.length - 1
  const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / search.size)))
  return (
    <Page title={`Register${describeSearch(search)} — Glasshouse`}>
      <h1>The register</h1>
      <p>
        Every published decision on an export of cyber-surveillance and other dual-use items. Choose
        filters and press Search; the address of the page is the search, so it can be bookmarked or
        shared.
      </p>
      <SearchForm search={search} years={props.years} />
      <h2 id="results">
        {total === 0
          ? 'No licences match'
          : `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')} licences`}
      </h2>
      <p class="downloads">
        Download this selection ({total.toLocaleString('en')} licences, every public field):{' '}
        <a
          href={searchHref(
            search,
            { page: undefined, size: undefined, sort: undefined },
            '/register/licences.csv',
          )}
        >
          CSV
        </a>{' '}
        ·{' '}
        <a
          href={searchHref(
            search,
            { page: undefined, size: undefined, sort: undefined },
            '/register/licences.json',
          )}
        >
          JSON
        </a>{' '}
        · <a href="/open-data">about the open data</a>
      </p>
      {items.length > 0 ? (
        <LicenceTable caption={`Licences${describeSearch(search)}`} items={items} />
      ) : (
        <p>Try fewer filters, or another year.</p>
      )}
      <Pager search={search} pages={pages} total={total} />
    </Page>
  )
}

/** "EU005 Telecommunications"; EU001's title (its destinations) is cut short to fit the form. */
function geaOptionText(code: string): string {
  const text = `${code} ${findGeneralAuthorisation(code)?.title ?? ''}`.trim()
  return text.length > 48 ? `${text.slice(0, 47)}…` : text
}

/** A filter chosen from a list, "any" first. */
function AnySelect(props: {
  name: string
  label: string
  chosen: string | undefined
  options: readonly (readonly [string, string])[]
}) {
  return (
    <div class="field-inline">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">any</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.chosen}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}

function SearchForm(props: { search: RegisterSearch; years: number[] }) {
  const f = props.search.filter
  return (
    <search aria-label="Search the register">
      <form class="filters" method="get" action="/register">
        <div class="field-inline">
          <label for="f-destination">Destination</label>
          <select id="f-destination" name="destination">
            <option value="">any</option>
            {BY_NAME.map((c) => (
              <option value={c.alpha2} selected={c.alpha2 === f.destination}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" name="pegasus" value="yes" checked={props.search.pegasus} />
          Only states named by the Pegasus Project
        </label>
        <div class="field-inline">
          <label for="f-issuingState">Issuing state</label>
          <select id="f-issuingState" name="issuingState">
            <option value="">any</option>
            {EU_MEMBER_STATES.map((code) => (
              <option value={code} selected={code === f.issuingState}>
                {countryName(code) ?? code}
              </option>
            ))}
          </select>
        </div>
        <div class="field-inline">
          <label for="f-controlEntry">Control entry</label>
          <input
            id="f-controlEntry"
            name="controlEntry"
            value={f.controlEntry ?? ''}
            list="control-entries"
          />
        </div>
        <datalist id="control-entries">
          {CONTROL_ENTRIES.map((e) => (
            <option value={e.code}>{e.title}</option>
          ))}
        </datalist>
        <AnySelect
          name="technology"
          label="Technology"
          chosen={f.technology}
          options={TechnologyCategorySchema.options.map((t) => [t, TECHNOLOGY_LABELS[t]])}
        />
        <AnySelect
          name="licenceType"
          label="Type of authorisation"
          chosen={f.licenceType}
          options={LicenceTypeSchema.options.map((t) => [t, words(t)])}
        />
        <AnySelect
          name="gea"
          label="Union general authorisation"
          chosen={f.gea}
          options={GeaCodeSchema.options.map((code) => [code, geaOptionText(code)])}
        />
        <div class="field-inline">
          <label for="f-exporter">Exporter (name or its beginning)</label>
          <input id="f-exporter" name="exporter" value={f.exporter ?? ''} />
        </div>
        <AnySelect
          name="decision"
          label="Decision"
          chosen={f.decision}
          options={DECISIONS.map((d) => [d, d])}
        />
        <div class="field-inline">
          <label for="f-year">Year of decision</label>
          <select id="f-year" name="year">
            <option value="">any</option>
            {props.years.map((y) => (
              <option value={String(y)} selected={y === props.search.year}>
                {String(y)}
              </option>
            ))}
          </select>
        </div>
        <div class="field-inline">
          <label for="f-sort">Order</label>
          <select id="f-sort" name="sort">
            {SORTS.map(([value, label]) => (
              <option value={value} selected={value === props.search.sort}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field-inline">
          <label for="f-size">Per page</label>
          <select id="f-size" name="size">
            {PAGE_SIZES.map((n) => (
              <option value={String(n)} selected={n === props.search.size}>
                {String(n)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
        <a href="/register">Clear</a>
      </form>
    </search>
  )
}

function Pager(props: { search: RegisterSearch; pages: number; total: number }) {
  const { search, pages } = props
  if (pages <= 1) return null
  const page = search.page
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b)
  const href = (p: number) => searchHref(search, { page: p === 1 ? undefined : String(p) })
  return (
    <nav class="pager" aria-label="Pages of results">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          Previous
        </a>
      ) : null}
      {shown.map((p, i) => (
        <>
          {i > 0 && p - (shown[i - 1] ?? p) > 1 ? <span aria-hidden="true">…</span> : null}
          {p === page ? (
            <span aria-current="page">{String(p)}</span>
          ) : (
            <a href={href(p)} aria-label={`Page ${p}`}>
              {String(p)}
            </a>
          )}
        </>
      ))}
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          Next
        </a>
      ) : null}
      {props.total > MAX_PAGE * search.size ? (
        <p class="muted">
          Only the first {MAX_PAGE} pages are browsable: narrow the search or download the
          selection.
        </p>
      ) : null}
    </nav>
  )
}

/** ", to Saudi Arabia, granted, 2024": the filters in words, for the title and the caption. */
export function describeSearch(search: RegisterSearch): string {
  const f = search.filter
  const parts: string[] = []
  if (f.destination) parts.push(`to ${countryName(f.destination) ?? f.destination}`)
  if (search.pegasus) parts.push('to states named by the Pegasus Project')
  if (f.issuingState) parts.push(`from ${countryName(f.issuingState) ?? f.issuingState}`)
  if (f.controlEntry) parts.push(`entry ${f.controlEntry}`)
  if (f.technology) parts.push(TECHNOLOGY_LABELS[f.technology].toLowerCase())
  if (f.licenceType) parts.push(`${words(f.licenceType)} authorisations`)
  if (f.gea) parts.push(`under ${f.gea}`)
  if (f.exporter) parts.push(`exporter "${f.exporter}"`)
  if (f.decision) parts.push(f.decision)
  if (search.year) parts.push(`decided in ${search.year}`)
  return parts.length > 0 ? `, ${parts.join(', ')}` : ''
}

/** The page for a search that cannot be run: every wrong field, named, and a way back. */
export function InvalidSearchPage(props: { problems: SearchProblem[] }) {
  return (
    <Page title="Register — invalid search — Glasshouse">
      <h1>That search is not valid</h1>
      <div role="alert">
        <ul>
          {props.problems.map((p) => (
            <li>{`${p.field}: ${p.message}`}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href="/register">Start again</a>
      </p>
    </Page>
  )
}
