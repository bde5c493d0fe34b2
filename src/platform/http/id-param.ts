/**
 * Ids in paths and queries. The columns are `bigint`, read as JavaScript numbers, so an id is a
 * safe integer: anything larger (2^63 and beyond reached PostgreSQL as "bigint out of range", a
 * 500) names nothing and is refused before a query is made.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER

/** A positive whole number in plain digits, at most MAX_ID; otherwise undefined. */
export function parseId(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text)) return undefined
  const id = Number(text)
  return id <= MAX_ID ? id : undefined
}
