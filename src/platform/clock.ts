/** The only source of "now", so tests and demo data can fix time. */
export type Clock = { now(): Date; today(): string }

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
}

export function fixedClock(iso: string): Clock {
  const at = new Date(iso)
  return { now: () => new Date(at), today: () => at.toISOString().slice(0, 10) }
}
