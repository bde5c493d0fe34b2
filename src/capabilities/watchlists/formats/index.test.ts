import { describe, expect, it } from 'vitest'
import { isListFormat, LIST_FORMATS, ListFormatError, parseListFiles } from './index.ts'

const FIXTURE = new URL('./fixtures/eu-fsf-sample.xml', import.meta.url).pathname

describe('parseListFiles', () => {
  it('knows the seven formats', () => {
    expect(LIST_FORMATS).toEqual([
      'un-xml',
      'ofac-sdn',
      'ofac-cons',
      'bis-dpl',
      'csl',
      'ftm',
      'eu-fsf',
    ])
    expect(isListFormat('csl')).toBe(true)
    expect(isListFormat('uk-ofsi')).toBe(false)
  })

  it('dispatches to the parser of the format and reports progress', async () => {
    const counts: number[] = []
    const list = await parseListFiles('eu-fsf', [FIXTURE], { onProgress: (n) => counts.push(n) })
    expect(list.source).toBe('eu-fsf')
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('takes exactly one file for single-file formats', async () => {
    await expect(parseListFiles('un-xml', [])).rejects.toThrow(
      'un-xml: the un-xml format takes exactly one file, got 0',
    )
    await expect(parseListFiles('eu-fsf', [FIXTURE, FIXTURE])).rejects.toBeInstanceOf(
      ListFormatError,
    )
  })

  it('applies the size limit it is given', async () => {
    await expect(parseListFiles('eu-fsf', [FIXTURE], { maxBytes: 100 })).rejects.toThrow(
      /^eu-fsf-sample\.xml: the file is \d+ bytes, over the limit of 100 bytes/,
    )
  })

  it('reads a file in the wrong format as a ListFormatError, not a crash', async () => {
    await expect(parseListFiles('bis-dpl', [FIXTURE])).rejects.toThrow(
      /^eu-fsf-sample\.xml line 1: (expected the header Name|a quote appears inside an unquoted field)/,
    )
    await expect(parseListFiles('ftm', [FIXTURE])).rejects.toThrow(
      /^eu-fsf-sample\.xml line 1: not valid JSON/,
    )
    await expect(parseListFiles('un-xml', [FIXTURE])).rejects.toThrow(
      /^eu-fsf-sample\.xml line \d+:\d+: root element is <export>, expected <CONSOLIDATED_LIST>/,
    )
  })
})
