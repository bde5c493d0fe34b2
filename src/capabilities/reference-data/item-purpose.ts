import {
  normaliseControlEntry,
  type ResolvedControlEntry,
  resolveControlEntry,
  type TechnologyCategory,
} from './control-entries.ts'

/**
 * Software and technology entries whose scope is broader than the listed cyber-surveillance
 * items: 4E001.a (technology for all of 4A/4D), 5D001.a/.c (software for all of 5A001), 5E001.a
 * (technology for all of 5A001 and 5D001.a/.e). Each is cyber-surveillance only where it relates
 * to a listed item (domain-facts §7, our reading [S]), so the line must say what it is for.
 */
export const ENTRIES_CLASSED_BY_PURPOSE = ['4E001.a', '5D001.a', '5D001.c', '5E001.a'] as const

const coveredBy = (scope: string, code: string) => code === scope || code.startsWith(`${scope}.`)

/** Whether a line of this entry takes its cyber-surveillance status from what it is for. */
export function classedByPurpose(controlEntry: string): boolean {
  const code = normaliseControlEntry(controlEntry)
  return ENTRIES_CLASSED_BY_PURPOSE.some((scope) => coveredBy(scope, code))
}

/**
 * What is wrong with naming `forEntry` as what a line of `controlEntry` is for, or null. Only a
 * software (D) or technology (E) line is "for" something: an Annex I equipment (A, B) or
 * software (D) entry of the same category, other than the line's own.
 */
export function itemPurposeProblem(controlEntry: string, forEntry: string): string | null {
  const line = resolveControlEntry(controlEntry)
  const target = resolveControlEntry(forEntry)
  if (target?.kind !== 'annex_i') return `unknown Annex I entry "${forEntry.slice(0, 40)}"`
  if (line?.kind !== 'annex_i' || !/^[0-9][DE]/.test(line.code))
    return 'only a software (D) or technology (E) line names the entry it is for'
  if (target.code.charAt(0) !== line.code.charAt(0))
    return `${line.code} is for items of category ${line.code.charAt(0)}, not ${target.code}`
  if (!/^[0-9][ABD]/.test(target.code)) return 'must be an equipment (A, B) or software (D) entry'
  if (target.code === line.code) return 'must be another entry than the line’s own'
  return null
}

export type ItemClass = { cyberSurveillance: boolean; technology: TechnologyCategory }

/**
 * The cyber-surveillance status and technology of an item line: the entry's own, except for the
 * entries classed by purpose, which take them from the listed item they are for (5D001.a for
 * 5A001.j is IP-surveillance software; for 5A001.c, optical-fibre software, it is not).
 */
export function classifyItemLine(
  resolved: ResolvedControlEntry,
  forEntry: string | null | undefined,
): ItemClass {
  const own = { cyberSurveillance: resolved.cyberSurveillance, technology: resolved.technology }
  if (!forEntry || !classedByPurpose(resolved.code)) return own
  const target = resolveControlEntry(forEntry)
  if (!target?.cyberSurveillance) return own
  return { cyberSurveillance: true, technology: target.technology }
}
