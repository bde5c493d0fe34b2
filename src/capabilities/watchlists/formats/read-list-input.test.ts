import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ListFormatError } from './list-format-error.ts'
import {
  checkListFile,
  MAX_LIST_BYTES,
  type ReadListOptions,
  readListText,
} from './read-list-input.ts'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-read-list-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

async function text(path: string, options?: ReadListOptions): Promise<string> {
  let out = ''
  for await (const chunk of readListText(path, options)) out += chunk
  return out
}

async function failure(run: () => Promise<unknown>): Promise<ListFormatError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ListFormatError)
  return error as ListFormatError
}

describe('reading a list file', () => {
  it('drops a UTF-8 byte order mark and keeps the text', async () => {
    const path = await write(
      'bom.csv',
      Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('name\nÅsa\n')]),
    )
    expect(await text(path)).toBe('name\nÅsa\n')
  })

  it("drops OFAC's closing 0x1A byte and decodes Windows-1252", async () => {
    // 0xE9 is é in Windows-1252 and invalid on its own in UTF-8.
    const path = await write(
      'cons_add.csv',
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0x1a]),
    )
    expect(await text(path, { encoding: 'windows-1252' })).toBe('Café\r\n')
  })

  it('keeps a 0x1A that is not the last byte', async () => {
    const path = await write('mid-eof.txt', 'a\x1Ab\n')
    expect(await text(path)).toBe('a\x1Ab\n')
  })

  it('decodes a multi-byte character split across read chunks', async () => {
    // Reads come in 1 MiB chunks; put the two bytes of "é" either side of the boundary.
    const body = `${'a'.repeat(1024 * 1024 - 1)}é\n`
    const path = await write('straddle.txt', body)
    expect(await text(path)).toBe(body)
  })

  it('names the byte offset and line of the first invalid UTF-8 byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('line one\nline two\nab'),
      Buffer.from([0xe9]),
      Buffer.from('c\n'),
    ])
    const path = await write('latin1.csv', bytes)
    const error = await failure(() => text(path))
    expect(error.file).toBe(path)
    expect(error.position).toBe('byte 20 (line 3)')
    expect(error.message).toBe('latin1.csv byte 20 (line 3): not valid UTF-8')
  })

  it('refuses a file cut inside a multi-byte character', async () => {
    const path = await write('cut.txt', Buffer.from([0x61, 0x0a, 0xe2, 0x82]))
    const error = await failure(() => text(path))
    expect(error.message).toBe('cut.txt byte 2 (line 2): not valid UTF-8')
  })

  it('refuses an empty file', async () => {
    const path = await write('empty.xml', '')
    const error = await failure(() => text(path))
    expect(error.message).toBe('empty.xml: the file is empty')
  })

  it('refuses a missing file with its name', async () => {
    const error = await failure(() => text(join(dir, 'missing.csv')))
    expect(error.message).toBe('missing.csv: cannot be read (ENOENT)')
  })

  it('refuses a 500 MB file by its size before reading a byte', async () => {
    // A sparse file: 500 MB long, no disk used; the size check comes before any read.
    const path = await write('huge.xml', '')
    await truncate(path, 500_000_000)
    const error = await failure(() => text(path))
    expect(error.message).toBe(
      `huge.xml: the file is 500000000 bytes, over the limit of ${MAX_LIST_BYTES} bytes; raise maxBytes if it is genuine`,
    )
  })

  it('takes a smaller limit from the caller', async () => {
    const path = await write('small.csv', 'x'.repeat(100))
    await expect(checkListFile(path, 99)).rejects.toThrow(
      'small.csv: the file is 100 bytes, over the limit of 99 bytes',
    )
    await expect(checkListFile(path, 100)).resolves.toBe(100)
  })
})
