import type { ApplicationInput } from './application.schema.ts'
import type { ApplicationContent } from './application.ts'
import { parseMoney } from './money.ts'

/** Maps a validated API body to the register's content; money becomes minor units. */
export function fromApplicationInput(
  input: ApplicationInput,
  issuingState: string,
): ApplicationContent {
  return {
    authorityId: input.authorityId,
    issuingState,
    licenceType: input.licenceType,
    gea: input.gea ?? null,
    exporter: {
      name: input.exporter.name,
      country: input.exporter.country,
      id: input.exporter.id ?? null,
    },
    consignee: input.consignee,
    endUser: input.endUser,
    parties: input.parties.map((p) => ({ ...p, description: p.description ?? null })),
    governmentAgency: input.governmentAgency ?? null,
    destination: input.destination,
    intendedUse: input.intendedUse,
    intendedUsePublic: input.intendedUsePublic ?? null,
    declarations: {
      endUseFlags: input.endUseFlags ?? null,
      dueDiligence: input.dueDiligence
        ? {
            summary: input.dueDiligence.summary,
            completedOn: input.dueDiligence.completedOn ?? null,
          }
        : null,
      internalComplianceProgramme: input.internalComplianceProgramme ?? null,
    },
    items: input.items.map((item) => {
      const money = parseMoney(item.value, item.currency)
      if (!money.ok) throw new Error(`unvalidated value ${item.value}`)
      return {
        controlEntry: item.controlEntry,
        forEntry: item.forEntry ?? null,
        description: item.description,
        quantity: item.quantity,
        valueMinor: money.minor,
        currency: item.currency,
      }
    }),
  }
}
