/** An append-only Uint32Array that doubles when full. */
export class GrowableUint32 {
  data: Uint32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }
  /** A copy trimmed to the used length. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length)
  }
}

/** An append-only Uint8Array that doubles when full. */
export class GrowableUint8 {
  data: Uint8Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }
  toArray(): Uint8Array {
    return this.data.slice(0, this.length)
  }
}

/**
 * Compressed rows ("CSR"): row r holds values[offsets[r] .. offsets[r + 1]). Built from
 * (row, value) pairs in two passes: count, then fill.
 */
export type Postings = { offsets: Uint32Array; values: Uint32Array }

export function buildPostings(
  rows: number,
  pairRows: Uint32Array,
  pairValues: Uint32Array,
  n: number,
): Postings {
  const offsets = new Uint32Array(rows + 1)
  for (let i = 0; i < n; i++) {
    const r = (pairRows[i] as number) + 1
    offsets[r] = (offsets[r] as number) + 1
  }
  for (let r = 0; r < rows; r++)
    offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number)
  const cursor = offsets.slice(0, rows)
  const values = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const r = pairRows[i] as number
    values[cursor[r] as number] = pairValues[i] as number
    cursor[r] = (cursor[r] as number) + 1
  }
  return { offsets, values }
}
