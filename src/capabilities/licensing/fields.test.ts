import { describe, expect, it } from 'vitest'
import { text } from './fields.ts'

describe('free-text fields', () => {
  it('refuse NUL and other control characters, naming the character', () => {
    const result = text(100).safeParse('Lawful\u0000interception')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe(
      'contains the control character U+0000 (at character 7); only tab and line breaks are allowed',
    )
    expect(text(100).safeParse('bell\u0007').success).toBe(false)
    expect(text(100).safeParse('escape\u001b[31m').success).toBe(false)
  })

  it('keep tabs and line breaks, which multi-line descriptions use', () => {
    expect(text(100).safeParse('Line one\r\n\tLine two').data).toBe('Line one\r\n\tLine two')
  })
})
