import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { neutraliseCsvCell, restoreCsvCell, writeCsv } from './csv-writer.ts'

const read = (text: string): string[][] => parse(text, { relax_column_count: true })

describe(writeCsv.name, () => {
  it.each([
    ['=', '=HYPERLINK("http://evil.example","x")'],
    ['=', "=cmd|' /C calc'!A0"],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
    ['full-width =', '\uFF1D1+1'],
  ])('neutralises a cell starting with %s: a quote in front, and quoted', (_, value) => {
    const text = writeCsv([['before', value, 'after']])
    expect(text.startsWith(`before,"'`)).toBe(true)
    expect(read(text)).toEqual([['before', `'${value}`, 'after']])
  })

  it('leaves ordinary text as it was, quoting only what RFC 4180 needs', () => {
    const text = writeCsv([
      ['IP network surveillance system', 'a, b', 'say "hi"', 'two\nlines', 'x-ray', "O'Brien", ''],
    ])
    expect(text).toBe(
      'IP network surveillance system,"a, b","say ""hi""","two\nlines",x-ray,O\'Brien,\n',
    )
    expect(read(text)).toEqual([
      ['IP network surveillance system', 'a, b', 'say "hi"', 'two\nlines', 'x-ray', "O'Brien", ''],
    ])
  })

  it('quotes and doubles the quotes of a neutralised cell that holds quotes, commas and newlines', () => {
    const value = '=A1,"x"\nB2'
    const text = writeCsv([[value]])
    expect(text).toBe(`"'=A1,""x""\nB2"\n`)
    expect(read(text)).toEqual([[`'${value}`]])
  })

  it('writes numbers the system computed as numbers, negative ones too; text that looks like one is text', () => {
    const text = writeCsv([[-3, 0, 0.912, 42, '-3', true, false, null, undefined]])
    expect(text).toBe(`-3,0,0.912,42,"'-3",true,false,,\n`)
  })

  it('writes the header first, also with no rows, and CRLF when asked', () => {
    expect(writeCsv([], { header: ['a', 'b'] })).toBe('a,b\n')
    expect(writeCsv([['1', 'x\ry']], { header: ['a', 'b'], lineEnding: '\r\n' })).toBe(
      'a,b\r\n1,"x\ry"\r\n',
    )
  })
})

describe(restoreCsvCell.name, () => {
  it('undoes exactly the quote the writer added, so every value reads back as it was', () => {
    for (const value of [
      '=1+1',
      '+1',
      '-2+3',
      '@SUM(A1)',
      '\tx',
      '\rx',
      "'=1+1",
      "''@x",
      "'plain",
      "'",
      '',
      'plain',
      "O'Brien",
    ])
      expect(restoreCsvCell(neutraliseCsvCell(value)), JSON.stringify(value)).toBe(value)
  })

  it('leaves a quote that the writer did not add', () => {
    expect(restoreCsvCell("'plain")).toBe("'plain")
    expect(restoreCsvCell("'")).toBe("'")
    expect(restoreCsvCell("'=1+1")).toBe('=1+1')
    expect(neutraliseCsvCell("'=1+1")).toBe("''=1+1")
  })
})
