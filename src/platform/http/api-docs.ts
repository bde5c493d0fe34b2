import { Hono } from 'hono'
import { html } from 'hono/html'

type Doc = { info: { title: string; description?: string | undefined }; paths?: object | undefined }

/** A plain page listing every operation; the machine-readable contract is /openapi.json. */
export function createApiDocsPage(document: () => Doc) {
  const app = new Hono()
  app.get('/api/docs', (c) => {
    const doc = document()
    const rows = Object.entries(
      (doc.paths ?? {}) as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, unknown>).map(([method, op]) => {
        const operation = op as { operationId?: string; summary?: string; security?: unknown[] }
        return html`<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${operation.operationId ?? ''}</td><td>${operation.summary ?? ''}</td><td>${operation.security ? 'token' : 'public'}</td></tr>`
      }),
    )
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}</title><link rel="stylesheet" href="/static/portal.css"></head>
<body><main><h1>${doc.info.title}</h1><p>${doc.info.description ?? ''}</p>
<p>The OpenAPI 3.1 document is at <a href="/openapi.json">/openapi.json</a>.</p>
<table><caption>Operations</caption><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Operation</th><th scope="col">Summary</th><th scope="col">Access</th></tr></thead>
<tbody>${rows}</tbody></table></main></body></html>`)
  })
  return app
}
