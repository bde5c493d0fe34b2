import type { Principal } from '../accounts/principal.ts'

/**
 * Which references a caller may choose for a new application.
 *
 * A reference is unique in the whole register (the public register, the log and every URL name
 * an application by it), so answering "already taken" about a reference would tell the caller
 * that somebody has it, including a tenant whose applications it may not see. A caller may
 * therefore only choose where every application it could collide with is its own to read:
 * - an official chooses within their authority's prefix, `<authority id>.` (`de-bafa.AZ-2026-17`),
 *   which only that authority's applications carry; "taken" there names one of theirs;
 * - an exporter does not choose: the register numbers the application, as the workspace form does
 *   (an organisation cannot read the authority's own files, nor another organisation's).
 * The rule looks at the caller and the text only, never at the register, so a reference another
 * tenant holds is refused with exactly the words of one that nobody holds.
 */
export function chosenReferenceProblem(reference: string, principal: Principal): string | null {
  if (principal.role === 'exporter')
    return "leave it out: the register numbers an exporter's applications"
  const prefix = `${principal.authorityId}.`
  if (!reference.startsWith(prefix) || reference.length === prefix.length)
    return `a reference you choose begins with "${prefix}" (your authority's own); leave it out to have the register number the application`
  return null
}
