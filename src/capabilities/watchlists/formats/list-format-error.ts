import { basename } from 'node:path'

/**
 * A list file that cannot be read as the format it claims to be. The message always names the
 * file and, when there is one, the position: `sdn.csv line 1203: expected 12 columns, found 3`.
 */
export class ListFormatError extends Error {
  override readonly name = 'ListFormatError'
  /** The path as it was given. */
  readonly file: string
  /** `line 12`, `line 12:5` (XML, column 1-based), `byte 512 (line 3)`, `record 4`; null for the whole file. */
  readonly position: string | null

  constructor(file: string, position: string | null, problem: string, options?: ErrorOptions) {
    super(`${basename(file)}${position ? ` ${position}` : ''}: ${problem}`, options)
    this.file = file
    this.position = position
  }
}
