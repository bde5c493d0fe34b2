import { countryCode } from './country-names.ts'
import { type EntityBuilder, partialDate, yearRange } from './entity-builder.ts'

/**
 * OFAC puts most facts about a party in the free-text Remarks column, as `;`-separated clauses:
 * `DOB 12 Jan 1960; nationality Iran; Passport A123 (Iran); a.k.a. 'ABU X'; Vessel Registration
 * Identification IMO 9187629`. This reads the clauses that are regular enough to trust and leaves
 * the rest in remarks. Quoted a.k.a./f.k.a. in Remarks are OFAC's *weak* aliases (strong ones are
 * in alt.csv), so they become names of quality 'low'.
 */

// Clause label → identifier type. Longer labels win over their prefixes ("Passport Booklet").
const ID_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['Passport', 'passport'],
  ['Passport Booklet', 'passport'],
  ['Diplomatic Passport', 'diplomatic-passport'],
  ['Travel Document Number', 'travel-document'],
  ['National ID No.', 'national-id'],
  ['Identification Number', 'national-id'],
  ['Personal ID Card', 'national-id'],
  ["Citizen's Card Number", 'national-id'],
  ['Turkish Identification Number', 'national-id'],
  ['Tazkira National ID Card', 'national-id'],
  ['National Foreign ID Number', 'national-id'],
  ['Kenyan ID No.', 'national-id'],
  ['Numero de Identidad', 'national-id'],
  ['D.N.I.', 'national-id'],
  ['Cedula No.', 'cedula'],
  ['C.U.R.P.', 'curp'],
  ['C.U.R.P. #', 'curp'],
  ['SSN', 'ssn'],
  ['Electoral Registry No.', 'voter-id'],
  ['Credencial electoral', 'voter-id'],
  ['I.F.E.', 'voter-id'],
  ["Driver's License No.", 'driving-licence'],
  ['Residency Number', 'residence-permit'],
  ['Tax ID No.', 'tax-id'],
  ['NIT #', 'tax-id'],
  ['R.F.C.', 'tax-id'],
  ['R.F.C. #', 'tax-id'],
  ['RFC', 'tax-id'],
  ['RUC #', 'tax-id'],
  ['RIF #', 'tax-id'],
  ['RTN', 'tax-id'],
  ['C.U.I.T.', 'tax-id'],
  ['C.I.F.', 'tax-id'],
  ['US FEIN', 'tax-id'],
  ['Italian Fiscal Code', 'tax-id'],
  ['V.A.T. Number', 'vat'],
  ['Registration Number', 'registration'],
  ['Registration ID', 'registration'],
  ['Company Number', 'registration'],
  ['UK Company Number', 'registration'],
  ['Business Registration Number', 'registration'],
  ['Business Registration Document #', 'registration'],
  ['Business Number', 'registration'],
  ['Commercial Registry Number', 'registration'],
  ['Chamber of Commerce Number', 'registration'],
  ['Certificate of Incorporation Number', 'registration'],
  ['Enterprise Number', 'registration'],
  ['Public Registration Number', 'registration'],
  ['Government Gazette Number', 'registration'],
  ['Matricula Mercantil No', 'registration'],
  ['Folio Mercantil No.', 'registration'],
  ['C.R. No.', 'registration'],
  ['Trade License No.', 'registration'],
  ['Unified Social Credit Code (USCC)', 'registration'],
  ['Legal Entity Number', 'lei'],
  ['D-U-N-S Number', 'duns'],
  ['SWIFT/BIC', 'swift-bic'],
  ['Vessel Registration Identification IMO', 'imo'],
  ['Identification Number IMO', 'imo'],
  ['Company Number IMO', 'imo-company'],
  ['MMSI', 'mmsi'],
  ['Aircraft Serial Identification', 'aircraft-serial'],
  ["Aircraft Manufacturer's Serial Number (MSN)", 'aircraft-serial'],
  ['Aircraft Tail Number', 'aircraft-tail-number'],
  ['Aircraft Mode S Transponder Code', 'aircraft-mode-s'],
]

const idTypeByLabel = new Map(ID_LABELS)

/** Identifier type for an OFAC label ("Tax ID No." → tax-id), undefined when it is not an id. */
export function ofacIdentifierType(label: string): string | undefined {
  return idTypeByLabel.get(label)
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&')
const ID_CLAUSE = new RegExp(
  `^(${[...idTypeByLabel.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')}) (.+)$`,
)
// "A123 (Iran) issued 2001 expires 2011": the number, then the issuing country in brackets.
const ID_VALUE = /^(.*?)(?: \(([^()]+)\))?(?: (?:issued|expires) .*)?$/
const WEAK_ALIAS = /^([afn])\.k\.a\. ['‘’"](.+)['‘’"]$/
const DATE = /^(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})$/

export function applyOfacRemarks(remarks: string, entity: EntityBuilder): void {
  for (const raw of remarks.split(';')) {
    const clause = raw
      .trim()
      .replace(/^alt\. /, '')
      .replace(/\.$/, '')
    if (clause.length === 0) continue
    if (clause.startsWith('DOB ')) {
      for (const date of ofacDates(clause.slice(4))) entity.birthDate(date)
      continue
    }
    const nationality = /^(?:nationality|citizen) (?:possibly )?(.+)$/.exec(clause)
    if (nationality?.[1]) {
      entity.country(countryCode(nationality[1]))
      continue
    }
    const alias = WEAK_ALIAS.exec(clause)
    if (alias?.[1] && alias[2]) {
      entity.name(alias[2], 'low', `${alias[1]}ka`)
      continue
    }
    const id = ID_CLAUSE.exec(clause)
    const type = id?.[1] ? idTypeByLabel.get(id[1]) : undefined
    if (type && id?.[2]) {
      const value = ID_VALUE.exec(id[2])
      if (value?.[1]) entity.identifier(type, value[1], countryCode(value[2]))
    }
  }
}

/** `12 Jan 1960`, `Jan 1960`, `1960`, `circa 1960`, `1960 to 1962`, `circa 1979-1982`. */
export function ofacDates(text: string): string[] {
  const plain = text.replace(/^circa /, '').trim()
  const range = /^(.+?)(?: to |-)(.+)$/.exec(plain)
  if (range?.[1] && range[2] && !DATE.test(plain)) {
    const from = DATE.exec(range[1].trim())?.[3]
    const to = DATE.exec(range[2].trim())?.[3]
    return from && to ? yearRange(from, to) : []
  }
  const parts = DATE.exec(plain)
  if (!parts?.[3]) return []
  const date = partialDate(parts[3], parts[2], parts[1])
  return date ? [date] : []
}
