/**
 * Published decisions counted by state, shared by the country and exporter pages. Only states
 * the public register shows: drafts and applications under review are never published.
 */
export const PUBLISHED_STATES = [
  'granted',
  'refused',
  'revoked',
  'suspended',
  'annulled',
  'expired',
  'withdrawn',
] as const
export type PublishedState = (typeof PUBLISHED_STATES)[number]
export type DecisionCounts = Record<PublishedState, number> & { total: number }

export function emptyCounts(): DecisionCounts {
  return {
    granted: 0,
    refused: 0,
    revoked: 0,
    suspended: 0,
    annulled: 0,
    expired: 0,
    withdrawn: 0,
    total: 0,
  }
}

export function isPublishedState(state: string): state is PublishedState {
  return (PUBLISHED_STATES as readonly string[]).includes(state)
}

/** Adds a `group by state` result (count comes back as string on PostgreSQL) to counts. */
export function addCount(counts: DecisionCounts, state: string, count: number | string | bigint) {
  if (!isPublishedState(state)) return
  const n = Number(count)
  counts[state] += n
  counts.total += n
}

/** The headline figures of a country or an exporter, as a list of tiles. */
export function DecisionStats(props: { counts: DecisionCounts; label: string }) {
  return (
    <ul class="stats" aria-label={props.label}>
      <li>
        <strong>{props.counts.total.toLocaleString('en')}</strong> published decisions
      </li>
      {PUBLISHED_STATES.map((state) => (
        <li>
          <strong>{props.counts[state].toLocaleString('en')}</strong> {state}
        </li>
      ))}
    </ul>
  )
}

/** A table's count columns' headers: one per published state, then the total. */
export function CountHeaders() {
  return (
    <>
      {PUBLISHED_STATES.map((state) => (
        <th scope="col" class="num">
          {state}
        </th>
      ))}
      <th scope="col" class="num">
        total
      </th>
    </>
  )
}

/** One row's count cells, in the order of CountHeaders. */
export function CountCells(props: { counts: DecisionCounts }) {
  return (
    <>
      {PUBLISHED_STATES.map((state) => (
        <td class="num">{props.counts[state].toLocaleString('en')}</td>
      ))}
      <td class="num">{props.counts.total.toLocaleString('en')}</td>
    </>
  )
}
