import { describe, expect, it } from 'vitest'
import { resolveControlEntry } from './control-entries.ts'
import { classifyItemLine, itemPurposeProblem } from './item-purpose.ts'

const classify = (entry: string, forEntry: string | null) => {
  const resolved = resolveControlEntry(entry)
  if (!resolved) throw new Error(entry)
  return classifyItemLine(resolved, forEntry)
}

// domain-facts §7: 5D001.a/.c, 4E001.a and 5E001.a are cyber-surveillance where they relate to
// 5A001.f/.j, 4A005 or 4D004; the code alone cannot tell.
describe('what a software or technology line is for', () => {
  it('makes software and technology for listed surveillance items cyber-surveillance', () => {
    expect(classify('5D001.a', '5A001.j')).toEqual({
      cyberSurveillance: true,
      technology: resolveControlEntry('5A001.j')?.technology,
    })
    expect(classify('5D001.c', '5A001.f.1').cyberSurveillance).toBe(true)
    expect(classify('4E001.a', '4A005').cyberSurveillance).toBe(true)
    expect(classify('4E001.a', '4D004').cyberSurveillance).toBe(true)
    expect(classify('5E001.a', '5A001.j').cyberSurveillance).toBe(true)
  })

  it('leaves them uncounted when they are for other equipment, or say nothing', () => {
    expect(classify('5D001.a', '5A001.c').cyberSurveillance).toBe(false)
    expect(classify('5D001.a', null).cyberSurveillance).toBe(false)
    expect(classify('4E001.a', '4A003').cyberSurveillance).toBe(false)
  })

  it('does not let a purpose change an entry classed on its own', () => {
    // 5D002 (cryptography software) is not classed by purpose; 4D004 is cyber-surveillance anyway.
    expect(classify('5D002', '5A004.b').cyberSurveillance).toBe(false)
    expect(classify('4D004', null).cyberSurveillance).toBe(true)
  })

  it('names what is wrong with a purpose', () => {
    expect(itemPurposeProblem('5D001.a', '5A001.j')).toBeNull()
    expect(itemPurposeProblem('5E001.a', '5D001.a')).toBeNull()
    expect(itemPurposeProblem('5A001.c', '5A001.j')).toBe(
      'only a software (D) or technology (E) line names the entry it is for',
    )
    expect(itemPurposeProblem('5D001.a', '4A005')).toBe(
      '5D001.a is for items of category 5, not 4A005',
    )
    expect(itemPurposeProblem('5D001.a', '5E001.a')).toBe(
      'must be an equipment (A, B) or software (D) entry',
    )
    expect(itemPurposeProblem('5D001.a', '5Z999')).toBe('unknown Annex I entry "5Z999"')
    expect(itemPurposeProblem('5D001.a', 'ART5')).toBe('unknown Annex I entry "ART5"')
    expect(itemPurposeProblem('5D001.a', '5D001.a')).toBe(
      'must be another entry than the line’s own',
    )
  })
})
