/** Shortens a value quoted back in an error message, so a 100 MB field does not become a 100 MB error. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}
