import { combineIndicators } from './combine-indicators.ts'
import type { EvidenceTables } from './evidence-tables.ts'
import { parseEmbargoes } from './parse-embargoes.ts'
import { parseFreedomHouse } from './parse-freedom-house.ts'
import { parseOperatorStates } from './parse-operator-states.ts'
import { parseRsf } from './parse-rsf.ts'
import { parseVdem } from './parse-vdem.ts'
import { parseVictimCases } from './parse-victim-cases.ts'

/**
 * The files under `../shared/data/` the authored tables in `data/` are generated from. One list,
 * used by `scripts/write-destination-evidence.ts` and by the test that re-parses them and checks
 * the committed tables still agree.
 */
export const SHARED_EVIDENCE_FILES = {
  freedomHouse: 'country-indicators/freedom_house_fiw_2013_2024.csv',
  vdem: 'country-indicators/vdem_v14_core_indices_2000_2023.csv',
  rsf: 'country-indicators/rsf_world_press_freedom_index_2022_2025.csv',
  operatorStates: 'spyware/operator_states.csv',
  victimCases: [
    'spyware/granitt-victim-cases/pegasus_cases_anonymised.csv',
    'spyware/granitt-victim-cases/candiru_cases_anonymised.csv',
  ],
  embargoes: 'embargoes/arms_embargoes.csv',
} as const

/** Parses every shared evidence file under `sharedData` (a folder path ending in `/`). */
export async function parseSharedEvidence(sharedData: string): Promise<EvidenceTables> {
  const files = SHARED_EVIDENCE_FILES
  const [fh, vdem, rsf] = await Promise.all([
    parseFreedomHouse(sharedData + files.freedomHouse),
    parseVdem(sharedData + files.vdem),
    parseRsf(sharedData + files.rsf),
  ])
  return {
    indicators: combineIndicators(fh, vdem, rsf),
    spyware: await parseOperatorStates(sharedData + files.operatorStates),
    victimCases: await parseVictimCases(files.victimCases.map((file) => sharedData + file)),
    embargoes: await parseEmbargoes(sharedData + files.embargoes),
  }
}
