import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// OWASP's scrypt setting (N=2^17, r=8, p=1). The parameters travel with each hash, so they can
// be raised later without invalidating stored passwords.
const COST = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32
const MAX_MEMORY = 256 * 1024 * 1024

export const MIN_PASSWORD_LENGTH = 12
/**
 * The longest password set or tried (UTF-16 code units). Long passphrases fit; a 150 MB
 * "password" is refused before scrypt (which hashes the whole of it first) ever sees it.
 */
export const MAX_PASSWORD_LENGTH = 1024

/** Whether a password is over the maximum: checked before any hashing, on every path. */
export function passwordTooLong(password: string): boolean {
  return password.length > MAX_PASSWORD_LENGTH
}

function derive(
  password: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...cost, maxmem: MAX_MEMORY },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  )
}

/** `scrypt$N$r$p$salt$key`, both base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Why a new password is not acceptable, or null. Length over rules, as NIST SP 800-63B advises. */
export function passwordProblem(password: string): string | null {
  // The maximum first: counting the characters of a huge string is work too.
  if (passwordTooLong(password))
    return `must be at most ${MAX_PASSWORD_LENGTH.toLocaleString('en')} characters`
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  return null
}
