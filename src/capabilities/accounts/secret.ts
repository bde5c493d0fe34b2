import { createHash, randomBytes } from 'node:crypto'

/** A random secret for cookies and tokens: 256 bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Secrets are high-entropy, so a plain SHA-256 is enough to store them safely. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}
