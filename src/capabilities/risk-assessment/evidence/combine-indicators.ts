import type {
  CountryIndicators,
  FreedomHouseFigures,
  IndicatorTable,
  LatestFigures,
  RsfFigures,
  VdemFigures,
} from './evidence-tables.ts'

/**
 * Joins the three publishers' latest figures into one table keyed by alpha-2, sorted by code so
 * the authored module and stored sets are stable, with one attribution line per publisher.
 */
export function combineIndicators(
  fh: LatestFigures<FreedomHouseFigures>,
  vdem: LatestFigures<VdemFigures>,
  rsf: LatestFigures<RsfFigures>,
): IndicatorTable {
  const codes = new Set([
    ...Object.keys(fh.countries),
    ...Object.keys(vdem.countries),
    ...Object.keys(rsf.countries),
  ])
  const countries: Record<string, CountryIndicators> = {}
  for (const code of [...codes].sort()) {
    countries[code] = {
      freedomHouse: fh.countries[code] ?? null,
      vdem: vdem.countries[code] ?? null,
      rsf: rsf.countries[code] ?? null,
    }
  }
  return {
    attribution: { freedomHouse: fh.attribution, vdem: vdem.attribution, rsf: rsf.attribution },
    countries,
  }
}
