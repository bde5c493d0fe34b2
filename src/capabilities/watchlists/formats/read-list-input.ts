import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { ListFormatError } from './list-format-error.ts'

/** Largest list file read by default. The biggest real list (OFAC SDN XML) is well under 100 MiB. */
export const MAX_LIST_BYTES = 256 * 1024 * 1024

/** OFAC's legacy CSV is Windows-1252; every other published format is UTF-8. */
export type ListEncoding = 'utf-8' | 'windows-1252'

export type ReadListOptions = { maxBytes?: number; encoding?: ListEncoding }

const DOS_EOF = '\x1A'

function fileProblem(file: string, error: unknown): ListFormatError {
  const code = (error as { code?: unknown } | null)?.code
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : 'error'
  return new ListFormatError(file, null, `cannot be read (${detail})`, { cause: error })
}

/** Checks size and kind from the directory entry alone, so an oversized file is never opened. */
export async function checkListFile(file: string, maxBytes = MAX_LIST_BYTES): Promise<number> {
  let size: number
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new ListFormatError(file, null, 'is not a regular file')
    size = info.size
  } catch (error) {
    if (error instanceof ListFormatError) throw error
    throw fileProblem(file, error)
  }
  if (size === 0) throw new ListFormatError(file, null, 'the file is empty')
  if (size > maxBytes) {
    throw new ListFormatError(
      file,
      null,
      `the file is ${size} bytes, over the limit of ${maxBytes} bytes; raise maxBytes if it is genuine`,
    )
  }
  return size
}

/**
 * Yields the file as decoded text, chunk by chunk: strict UTF-8 (a bad byte stops the read with its
 * offset and line) or Windows-1252, a UTF-8 BOM removed, and a final DOS end-of-file byte (0x1A,
 * as OFAC writes) dropped.
 */
export async function* readListText(
  file: string,
  options: ReadListOptions = {},
): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? MAX_LIST_BYTES
  const encoding = options.encoding ?? 'utf-8'
  await checkListFile(file, maxBytes)
  // ignoreBOM false: the decoder drops a leading BOM itself. Stream mode keeps that to the start.
  const decoder = new TextDecoder(encoding, { fatal: true })
  let carry: Uint8Array = new Uint8Array(0)
  let offset = 0 // bytes decoded before `carry`
  let line = 1
  let heldEof = false

  const decode = (bytes: Uint8Array, flush: boolean): string => {
    try {
      const text = flush ? decoder.decode(bytes) : decoder.decode(bytes, { stream: true })
      offset += bytes.length
      line += countNewlines(bytes, bytes.length)
      return text
    } catch (error) {
      const at = Math.max(0, firstInvalidUtf8(bytes))
      const position = `byte ${offset + at} (line ${line + countNewlines(bytes, at)})`
      throw new ListFormatError(file, position, `not valid ${encoding.toUpperCase()}`, {
        cause: error,
      })
    }
  }

  let read = 0
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer
      read += buffer.length
      if (read > maxBytes)
        throw new ListFormatError(file, null, `grew past ${maxBytes} bytes while being read`)
      const bytes = carry.length > 0 ? Buffer.concat([carry, buffer]) : buffer
      // Decode whole UTF-8 sequences only, so an error can be pinned to a byte of this chunk.
      const end = encoding === 'utf-8' ? completeUtf8Length(bytes) : bytes.length
      carry = Uint8Array.from(bytes.subarray(end))
      let text = decode(bytes.subarray(0, end), false)
      if (heldEof && text.length > 0) text = DOS_EOF + text
      heldEof = text.endsWith(DOS_EOF)
      if (heldEof) text = text.slice(0, -1)
      if (text.length > 0) yield text
    }
  } catch (error) {
    if (error instanceof ListFormatError) throw error
    throw fileProblem(file, error)
  }
  const rest = decode(carry, true)
  const tail = rest.endsWith(DOS_EOF) ? rest.slice(0, -1) : rest
  if (tail.length > 0) yield (heldEof ? DOS_EOF : '') + tail
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count += 1
  return count
}

/** Length of the prefix that ends on a UTF-8 sequence boundary (at most 3 bytes held back). */
function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length
  let i = length - 1
  while (i >= 0 && i >= length - 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i -= 1
  if (i < 0) return length
  const lead = bytes[i] ?? 0
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  return length - i < size ? i : length
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    if (lead < 0x80) {
      i += 1
      continue
    }
    let need: number
    let lower = 0x80
    let upper = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) need = 1
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      if (lead === 0xe0) lower = 0xa0
      if (lead === 0xed) upper = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      if (lead === 0xf0) lower = 0x90
      if (lead === 0xf4) upper = 0x8f
    } else return i
    for (let k = 1; k <= need; k += 1) {
      const next = bytes[i + k]
      if (
        next === undefined ||
        next < (k === 1 ? lower : 0x80) ||
        next > (k === 1 ? upper : 0xbf)
      ) {
        return i
      }
    }
    i += need + 1
  }
  return -1
}
