import type { Application, ApplicationInput } from '../licensing/application.schema.ts'
import { ApplicationInputSchema } from '../licensing/application.schema.ts'
import { LicenceTypeSchema, PartyTypeSchema } from '../licensing/fields.ts'
import { COUNTRIES } from '../reference-data/countries.ts'
import { END_USE_FLAG_LABELS, END_USE_FLAGS } from '../reference-data/end-use-flags.ts'
import { GeaCodeSchema } from '../reference-data/general-authorisations.ts'
import {
  Csrf,
  ErrorSummary,
  type Errors,
  FieldError,
  fieldId,
  label,
  str,
  strs,
  type WsContext,
} from './workspace.page.tsx'

/** Rows the form offers; empty rows are ignored. */
export const ITEM_ROWS = 5
export const PARTY_ROWS = 2
/** The schema's limits: an application entered through the API may have more rows than the form offers. */
const MAX_ITEMS = 500
const MAX_PARTIES = 20

/** How many rows of a kind the form shows: the default, or as many as the values fill plus one. */
function rowsOf(values: FormValues, kind: 'items' | 'parties'): number {
  const [shown, max] = kind === 'items' ? [ITEM_ROWS, MAX_ITEMS] : [PARTY_ROWS, MAX_PARTIES]
  const posted = Number.parseInt(String(values[`${kind}Rows`] ?? ''), 10)
  let used = Number.isFinite(posted) ? posted : 0
  for (const name of Object.keys(values)) {
    const match = new RegExp(`^${kind}\\.(\\d+)\\.`).exec(name)
    const value = values[name]
    if (match && typeof value === 'string' && value.trim() !== '')
      used = Math.max(used, Number(match[1]) + 2)
  }
  return Math.min(max, Math.max(shown, used))
}

/** The values a form shows: field name → value (checkboxes: several). */
export type FormValues = Record<string, string | string[]>

export type Organisation = {
  id: string
  name: string
  country: string
  authorityId: string
  exporterId: string | null
}

const SORTED_COUNTRIES = [...COUNTRIES].sort((a, b) => a.name.localeCompare(b.name))
const ITEM_FIELDS = ['description', 'controlEntry', 'quantity', 'value', 'currency'] as const

/** The values of an existing application, for its edit form. */
export function valuesOf(application: Application): FormValues {
  const values: FormValues = {
    licenceType: application.licenceType,
    gea: application.gea ?? '',
    'exporter.id': application.exporter.id ?? '',
    'consignee.name': application.consignee.name,
    'consignee.country': application.consignee.country,
    'endUser.name': application.endUser.name,
    'endUser.country': application.endUser.country,
    'endUser.type': application.endUser.type,
    'endUser.description': application.endUser.description,
    governmentAgency: application.governmentAgency ?? '',
    destination: application.destination,
    intendedUse: application.intendedUse,
    endUseFlags: application.endUseFlags ?? [],
    'dueDiligence.summary': application.dueDiligence?.summary ?? '',
    'dueDiligence.completedOn': application.dueDiligence?.completedOn ?? '',
    internalComplianceProgramme:
      application.internalComplianceProgramme === null
        ? ''
        : application.internalComplianceProgramme
          ? 'yes'
          : 'no',
  }
  application.items.forEach((item, i) => {
    values[`items.${i}.description`] = item.description
    values[`items.${i}.controlEntry`] = item.controlEntry
    values[`items.${i}.quantity`] = item.quantity
    values[`items.${i}.value`] = item.value
    values[`items.${i}.currency`] = item.currency
  })
  application.parties.forEach((party, i) => {
    values[`parties.${i}.role`] = party.role
    values[`parties.${i}.name`] = party.name
    values[`parties.${i}.country`] = party.country
    values[`parties.${i}.type`] = party.type
    values[`parties.${i}.description`] = party.description ?? ''
  })
  return values
}

/** The posted form as the values to show again. */
export function valuesFromForm(form: Record<string, unknown>): FormValues {
  const values: FormValues = {}
  for (const name of Object.keys(form)) {
    if (name === '_csrf') continue
    values[name] = name === 'endUseFlags' ? strs(form, name) : str(form, name)
  }
  return values
}

/**
 * The form's values as an ApplicationInput, validated; field errors carry the form's field
 * names (row numbers as shown, not as packed after dropping empty rows).
 */
export function parseApplicationForm(
  values: FormValues,
  organisation: Organisation,
): { ok: true; input: ApplicationInput } | { ok: false; errors: Errors } {
  const v = (name: string) => {
    const value = values[name]
    return (typeof value === 'string' ? value : '').trim()
  }
  const optional = (name: string) => v(name) || undefined
  const itemRows: number[] = []
  const items = []
  for (let i = 0; i < rowsOf(values, 'items'); i++) {
    if (ITEM_FIELDS.every((f) => v(`items.${i}.${f}`) === '')) continue
    itemRows.push(i)
    items.push({
      description: v(`items.${i}.description`),
      controlEntry: v(`items.${i}.controlEntry`),
      quantity: v(`items.${i}.quantity`),
      value: v(`items.${i}.value`),
      currency: v(`items.${i}.currency`).toUpperCase(),
    })
  }
  const partyRows: number[] = []
  const parties = []
  for (let i = 0; i < rowsOf(values, 'parties'); i++) {
    if (['name', 'description'].every((f) => v(`parties.${i}.${f}`) === '')) continue
    partyRows.push(i)
    parties.push({
      role: v(`parties.${i}.role`),
      name: v(`parties.${i}.name`),
      country: v(`parties.${i}.country`),
      type: v(`parties.${i}.type`),
      ...(optional(`parties.${i}.description`)
        ? { description: v(`parties.${i}.description`) }
        : {}),
    })
  }
  const flags = values.endUseFlags
  const icp = v('internalComplianceProgramme')
  const body = {
    authorityId: organisation.authorityId,
    licenceType: v('licenceType'),
    ...(optional('gea') ? { gea: v('gea') } : {}),
    exporter: {
      name: organisation.name,
      country: organisation.country,
      ...(optional('exporter.id') ? { id: v('exporter.id') } : {}),
    },
    consignee: { name: v('consignee.name'), country: v('consignee.country') },
    endUser: {
      name: v('endUser.name'),
      country: v('endUser.country'),
      type: v('endUser.type'),
      description: v('endUser.description'),
    },
    parties,
    ...(optional('governmentAgency') ? { governmentAgency: v('governmentAgency') } : {}),
    destination: v('destination'),
    intendedUse: v('intendedUse'),
    items,
    endUseFlags: Array.isArray(flags) ? flags : flags ? [flags] : [],
    ...(optional('dueDiligence.summary')
      ? {
          dueDiligence: {
            summary: v('dueDiligence.summary'),
            ...(optional('dueDiligence.completedOn')
              ? { completedOn: v('dueDiligence.completedOn') }
              : {}),
          },
        }
      : {}),
    ...(icp ? { internalComplianceProgramme: icp === 'yes' } : {}),
  }
  const parsed = ApplicationInputSchema.safeParse(body)
  if (parsed.success) return { ok: true, input: parsed.data }
  const errors: Errors = {}
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String)
    if (path[0] === 'items' && path.length > 1) path[1] = String(itemRows[Number(path[1])] ?? 0)
    if (path[0] === 'parties' && path.length > 1) path[1] = String(partyRows[Number(path[1])] ?? 0)
    if (path[0] === 'dueDiligence' && path.length === 1) path.push('summary')
    const field = path.join('.') || '_form'
    errors[field] = [...(errors[field] ?? []), issue.message]
  }
  return { ok: false, errors }
}

const LABELS: Record<string, string> = {
  licenceType: 'Type of authorisation',
  'consignee.name': 'Consignee name (box 5)',
  'consignee.country': 'Consignee country (box 5)',
  'endUser.name': 'End user name (box 9)',
  'endUser.country': 'End user country (box 9)',
  'endUser.type': 'End user type (box 9)',
  'endUser.description': 'End user description (box 9)',
  destination: 'Country of final destination (box 12)',
  intendedUse: 'End use (box 19)',
  items: 'Items (boxes 13–18)',
}

function Text(props: {
  name: string
  label: string
  values: FormValues
  errors: Errors
  type?: string
  hint?: string
}) {
  const value = props.values[props.name]
  const invalid = props.errors[props.name] !== undefined
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint ? <span class="muted">{props.hint}</span> : null}
      <input
        type={props.type ?? 'text'}
        id={fieldId(props.name)}
        name={props.name}
        value={typeof value === 'string' ? value : ''}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${fieldId(props.name)}-error` : undefined}
      />
      <FieldError errors={props.errors} name={props.name} />
    </div>
  )
}

function Area(props: { name: string; label: string; values: FormValues; errors: Errors }) {
  const value = props.values[props.name]
  const invalid = props.errors[props.name] !== undefined
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${fieldId(props.name)}-error` : undefined}
      >
        {typeof value === 'string' ? value : ''}
      </textarea>
      <FieldError errors={props.errors} name={props.name} />
    </div>
  )
}

function Select(props: {
  name: string
  label: string
  values: FormValues
  errors: Errors
  options: readonly (readonly [string, string])[]
}) {
  const value = props.values[props.name]
  const invalid = props.errors[props.name] !== undefined
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${fieldId(props.name)}-error` : undefined}
      >
        <option value="">— choose —</option>
        {props.options.map(([code, text]) => (
          <option value={code} selected={code === value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError errors={props.errors} name={props.name} />
    </div>
  )
}

const COUNTRY_OPTIONS = SORTED_COUNTRIES.map((c) => [c.alpha2, `${c.name} (${c.alpha2})`] as const)
const PARTY_TYPE_OPTIONS = PartyTypeSchema.options.map((t) => [t, label(t)] as const)

/** The application form, laid out along the boxes of the Annex III-A model form. */
export function ApplicationForm(props: {
  c: WsContext
  action: string
  organisation: Organisation
  values: FormValues
  errors: Errors
}) {
  const { values, errors, organisation } = props
  const flags = new Set(strs(values, 'endUseFlags'))
  const itemRows = rowsOf(values, 'items')
  const partyRows = rowsOf(values, 'parties')
  const icp = values.internalComplianceProgramme
  return (
    <form method="post" action={props.action} class="stacked" novalidate>
      <Csrf c={props.c} />
      <ErrorSummary errors={errors} labels={LABELS} />
      <p class="muted">
        The boxes follow the model form of Annex III-A to Regulation (EU) 2021/821. Fields not
        marked optional are required.
      </p>
      <fieldset>
        <legend>Box 1 — Exporter</legend>
        <p>
          <strong>{organisation.name}</strong>, {organisation.country} (your organisation, as
          registered)
        </p>
        {organisation.exporterId ? (
          <p>
            Box 2 — Exporter identification number: <strong>{organisation.exporterId}</strong>
          </p>
        ) : (
          <Text
            name="exporter.id"
            label="Box 2 — Exporter identification number (EORI), optional"
            values={values}
            errors={errors}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Box 6 — Issuing authority and type of authorisation</legend>
        <p>
          Competent authority: <strong>{organisation.authorityId}</strong>
        </p>
        <Select
          name="licenceType"
          label="Type of authorisation"
          values={values}
          errors={errors}
          options={LicenceTypeSchema.options.map((t) => [t, label(t)] as const)}
        />
        <Select
          name="gea"
          label="Union general export authorisation (only for an EU general authorisation)"
          values={values}
          errors={errors}
          options={GeaCodeSchema.options.map((g) => [g, g] as const)}
        />
      </fieldset>
      <fieldset>
        <legend>Box 5 — Consignee</legend>
        <Text name="consignee.name" label="Consignee name" values={values} errors={errors} />
        <Select
          name="consignee.country"
          label="Consignee country"
          values={values}
          errors={errors}
          options={COUNTRY_OPTIONS}
        />
      </fieldset>
      <fieldset>
        <legend>Box 7 — Agent, representative or intermediary (optional)</legend>
        <input type="hidden" name="partiesRows" value={String(partyRows)} />
        {Array.from({ length: partyRows }, (_, i) => (
          <fieldset>
            <legend>{`Other party ${i + 1}`}</legend>
            <Select
              name={`parties.${i}.role`}
              label={`Party ${i + 1} role`}
              values={values}
              errors={errors}
              options={[
                ['intermediary', 'intermediary'],
                ['agent', 'agent or representative'],
              ]}
            />
            <Text
              name={`parties.${i}.name`}
              label={`Party ${i + 1} name`}
              {...{ values, errors }}
            />
            <Select
              name={`parties.${i}.country`}
              label={`Party ${i + 1} country`}
              values={values}
              errors={errors}
              options={COUNTRY_OPTIONS}
            />
            <Select
              name={`parties.${i}.type`}
              label={`Party ${i + 1} type`}
              values={values}
              errors={errors}
              options={PARTY_TYPE_OPTIONS}
            />
            <Text
              name={`parties.${i}.description`}
              label={`Party ${i + 1} description (optional)`}
              values={values}
              errors={errors}
            />
          </fieldset>
        ))}
      </fieldset>
      <fieldset>
        <legend>Box 9 — End user</legend>
        <Text name="endUser.name" label="End user name" values={values} errors={errors} />
        <Select
          name="endUser.country"
          label="End user country"
          values={values}
          errors={errors}
          options={COUNTRY_OPTIONS}
        />
        <Select
          name="endUser.type"
          label="End user type"
          values={values}
          errors={errors}
          options={PARTY_TYPE_OPTIONS}
        />
        <Area
          name="endUser.description"
          label="End user description"
          values={values}
          errors={errors}
        />
        <Text
          name="governmentAgency"
          label="Government agency using the item (optional)"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>Box 12 — Country of final destination</legend>
        <Select
          name="destination"
          label="Country of final destination"
          values={values}
          errors={errors}
          options={COUNTRY_OPTIONS}
        />
      </fieldset>
      <fieldset id={fieldId('items')}>
        <legend>Boxes 13–18 — Items</legend>
        <FieldError errors={errors} name="items" />
        <p class="muted">
          Leave unused rows empty. Box 13 description, box 16 control-list number (e.g. 5A001.j),
          box 17 currency and value, box 18 quantity.
        </p>
        <input type="hidden" name="itemsRows" value={String(itemRows)} />
        {Array.from({ length: itemRows }, (_, i) => (
          <fieldset>
            <legend>{`Item ${i + 1}`}</legend>
            <Text
              name={`items.${i}.description`}
              label={`Item ${i + 1} description (box 13)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.controlEntry`}
              label={`Item ${i + 1} control-list number (box 16)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.quantity`}
              label={`Item ${i + 1} quantity (box 18)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.value`}
              label={`Item ${i + 1} value (box 17)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.currency`}
              label={`Item ${i + 1} currency (box 17)`}
              {...{ values, errors }}
            />
          </fieldset>
        ))}
      </fieldset>
      <fieldset>
        <legend>Box 19 — End use</legend>
        <Area name="intendedUse" label="Intended end use" values={values} errors={errors} />
        <fieldset class="checks">
          <legend>End-use red flags that apply (leave all unticked if none apply)</legend>
          {END_USE_FLAGS.map((flag) => (
            <label>
              <input type="checkbox" name="endUseFlags" value={flag} checked={flags.has(flag)} />{' '}
              {END_USE_FLAG_LABELS[flag]}
            </label>
          ))}
          <FieldError errors={errors} name="endUseFlags" />
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Box 22 — Additional information</legend>
        <Area
          name="dueDiligence.summary"
          label="Human-rights due diligence summary (optional)"
          values={values}
          errors={errors}
        />
        <Text
          name="dueDiligence.completedOn"
          label="Due diligence completed on (optional)"
          type="date"
          values={values}
          errors={errors}
        />
        <fieldset class="checks">
          <legend>Internal compliance programme in place (Art. 12(4))?</legend>
          <label>
            <input
              type="radio"
              name="internalComplianceProgramme"
              value="yes"
              checked={icp === 'yes'}
            />{' '}
            yes
          </label>
          <label>
            <input
              type="radio"
              name="internalComplianceProgramme"
              value="no"
              checked={icp === 'no'}
            />{' '}
            no
          </label>
        </fieldset>
      </fieldset>
      <p>
        <button type="submit">Save draft</button>
      </p>
    </form>
  )
}
