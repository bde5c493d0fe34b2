/** Shortens a value quoted back in an error message, so a 100 MB field does not become a 100 MB error. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}

/**
 * C0 control characters other than tab, line feed and carriage return. PostgreSQL refuses NUL in
 * text ("invalid byte sequence 0x00"); the others have no place in a licence, a name or a query,
 * and can make published text show something other than what it holds.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/

/** `U+0000` for a character. */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Why a text may not be stored ("contains the control character U+0000 …"), or null. */
export function controlCharacterProblem(value: string): string | null {
  const found = CONTROL_CHARACTER.exec(value)
  if (!found) return null
  return `contains the control character ${codePointName(found[0])} (at character ${found.index + 1}); only tab and line breaks are allowed`
}
