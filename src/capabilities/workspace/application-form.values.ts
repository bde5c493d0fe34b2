import type { Application, ApplicationInput } from '../licensing/application.schema.ts'
import { ApplicationInputSchema } from '../licensing/application.schema.ts'
import { type Errors, str, strs } from './workspace.page.tsx'

/** Rows the form offers; empty rows are ignored. */
export const ITEM_ROWS = 5
export const PARTY_ROWS = 2
/** The schema's limits: an application entered through the API may have more rows than the form offers. */
const MAX_ITEMS = 500
const MAX_PARTIES = 20

/** How many rows of a kind the form shows: the default, or as many as the values fill plus one. */
export function rowsOf(values: FormValues, kind: 'items' | 'parties'): number {
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

const ITEM_FIELDS = [
  'description',
  'controlEntry',
  'forEntry',
  'quantity',
  'value',
  'currency',
] as const

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
    intendedUsePublic: application.intendedUsePublic ?? '',
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
    values[`items.${i}.forEntry`] = item.forEntry ?? ''
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
      ...(optional(`items.${i}.forEntry`) ? { forEntry: v(`items.${i}.forEntry`) } : {}),
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
    ...(optional('intendedUsePublic') ? { intendedUsePublic: v('intendedUsePublic') } : {}),
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
