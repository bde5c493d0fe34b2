import { writeFileSync } from 'node:fs'
import { openApiDocument } from '../src/openapi-document.ts'

// Regenerates the committed openapi.json (a test fails when it drifts from the code).
writeFileSync(
  new URL('../openapi.json', import.meta.url),
  `${JSON.stringify(openApiDocument(), null, 2)}\n`,
)
console.log('openapi.json written')
