import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toHex } from './encoding.ts'
import { hashLeaf } from './hash.ts'
import { commit, makeLeaf, newSalt, openCommitment } from './leaf.ts'

const salt = new Uint8Array(32).fill(7)

describe('commitments', () => {
  it('is hex SHA-256(salt ‖ RFC 8785 JSON of the value)', () => {
    const value = { name: 'Ada Exporter', b: [1, 2.5e-7], a: 'é' }
    const expected = createHash('sha256')
      .update(salt)
      .update('{"a":"é","b":[1,2.5e-7],"name":"Ada Exporter"}', 'utf8')
      .digest('hex')
    expect(commit(value, salt)).toBe(expected)
  })

  it('opens with the right value and salt, and not with a wrong one', () => {
    const c = commit('Ada Exporter', salt)
    expect(openCommitment('Ada Exporter', salt, c)).toBe(true)
    expect(openCommitment('Ada Exporter ', salt, c)).toBe(false)
    expect(openCommitment('Ada Exporter', newSalt(), c)).toBe(false)
    expect(openCommitment('Ada Exporter', new Uint8Array(31), c)).toBe(false)
    expect(openCommitment('Ada Exporter', salt, c.toUpperCase())).toBe(false)
    expect(openCommitment('Ada Exporter', salt, 'not hex')).toBe(false)
  })

  it('opens with the salt as hex too, for values of every shape', () => {
    const values = [
      'Ada Exporter',
      'Zoë "Q" \\ \n\t\u0001 \u2028 😀',
      null,
      { b: [1, 2.5e-7], a: 'é' },
      '',
      'x'.repeat(5000),
    ]
    for (const value of values) {
      const c = commit(value, salt)
      expect(openCommitment(value, toHex(salt), c)).toBe(true)
      expect(openCommitment(value, salt, c)).toBe(true)
      expect(openCommitment(value, toHex(newSalt()), c)).toBe(false)
    }
    const c = commit('Ada Exporter', salt)
    expect(openCommitment('Ada Exporter', toHex(salt).slice(2), c)).toBe(false)
    expect(openCommitment('Ada Exporter', `${toHex(salt).slice(2)}zz`, c)).toBe(false)
    expect(openCommitment('Ada Exporter', '', c)).toBe(false)
  })

  it('refuses salts that are not 32 bytes', () => {
    expect(() => commit('x', new Uint8Array(16))).toThrow(/32 bytes/)
  })
})

describe('makeLeaf', () => {
  it('logs public fields and commitments only, canonically', () => {
    const salts = { applicant: salt, contact: newSalt() }
    const leaf = makeLeaf(
      { type: 'grant', licence: 'GH-2026-0001', item: '5A001.j' },
      { contact: { email: 'ada@example.org' }, applicant: 'Ada Exporter' },
      salts,
    )
    expect(leaf.json).toBe(
      `{"commitments":{"applicant":"${commit('Ada Exporter', salt)}","contact":"${leaf.commitments.contact}"},` +
        '"item":"5A001.j","licence":"GH-2026-0001","type":"grant"}',
    )
    expect(leaf.json).not.toContain('Ada')
    expect(leaf.json).not.toContain('ada@')
    expect(new TextDecoder().decode(leaf.bytes)).toBe(leaf.json)
    expect(toHex(leaf.leafHash)).toBe(toHex(hashLeaf(leaf.bytes)))
    expect(
      openCommitment({ email: 'ada@example.org' }, salts.contact, leaf.commitments.contact ?? ''),
    ).toBe(true)
  })

  it('omits commitments when nothing is confidential', () => {
    expect(makeLeaf({ b: 1, a: 2 }).json).toBe('{"a":2,"b":1}')
  })

  it('refuses missing or stray salts and a public "commitments" field', () => {
    expect(() => makeLeaf({}, { a: 1 }, {})).toThrow(/no salt/)
    expect(() => makeLeaf({}, {}, { a: salt })).toThrow(/unknown fields/)
    expect(() => makeLeaf({ commitments: 1 })).toThrow(/reserved/)
  })
})
