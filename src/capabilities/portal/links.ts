/** The portal's page addresses, in one place so every page links the same way. */

export const licenceHref = (reference: string) => `/licences/${encodeURIComponent(reference)}`

/** A country by its ISO 3166-1 alpha-2 code, upper case. */
export const countryHref = (alpha2: string) => `/countries/${alpha2.toUpperCase()}`

/** An exporter by its name exactly as the register publishes it (legal persons only). */
export const exporterHref = (exporterName: string) =>
  `/exporters/${encodeURIComponent(exporterName)}`

export const registerHref = (query: Record<string, string | undefined> = {}) => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  const text = params.toString()
  return text ? `/register?${text}` : '/register'
}
