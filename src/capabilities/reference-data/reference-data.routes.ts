import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { json } from '../../platform/http/openapi.ts'
import { AuthoritySchema as RegisteredAuthoritySchema } from '../licensing/register.schema.ts'
import {
  NSO_EU_PRESENCE,
  NSO_EXPORTING_STATE,
  PEGASUS_PROJECT_STATES,
  PEGASUS_PROJECT_STATES_SOURCE,
} from './briefing-lists.ts'
import { CONTROL_ENTRIES } from './control-entries.ts'
import { COUNTRIES } from './countries.ts'
import { GENERAL_AUTHORISATIONS } from './general-authorisations.ts'
import { REASON_CODES } from './reason-codes.ts'
import {
  ControlEntrySchema,
  CountrySchema,
  GeneralAuthorisationSchema,
  ReasonCodeInfoSchema,
} from './reference-data.schema.ts'

const tags = ['Reference data']

/** Public, read-only reference data: what the register's codes mean, with sources. */
export function createReferenceDataRoutes(authorities: {
  listAuthorities(): Promise<z.infer<typeof RegisteredAuthoritySchema>[]>
}) {
  const app = new OpenAPIHono()
  const get = (path: string, operationId: string, summary: string, schema: z.ZodType) =>
    createRoute({
      method: 'get',
      path,
      operationId,
      summary,
      tags,
      responses: { 200: json(schema, summary) },
    })

  app.openapi(
    get(
      '/reference/countries',
      'listCountries',
      'ISO 3166-1 countries with EU membership',
      z.array(CountrySchema),
    ),
    (c) => c.json([...COUNTRIES], 200),
  )
  app.openapi(
    get(
      '/reference/control-entries',
      'listControlEntries',
      'Control-list entries with technology category and cyber-surveillance flag',
      z.array(ControlEntrySchema),
    ),
    (c) => c.json([...CONTROL_ENTRIES], 200),
  )
  app.openapi(
    get(
      '/reference/general-authorisations',
      'listGeneralAuthorisations',
      'Union general export authorisations EU001–EU008, versioned',
      z.array(GeneralAuthorisationSchema),
    ),
    (c) => c.json([...GENERAL_AUTHORISATIONS], 200),
  )
  app.openapi(
    get(
      '/reference/reason-codes',
      'listReasonCodes',
      'Reason codes for grants, refusals and revocations',
      z.array(ReasonCodeInfoSchema),
    ),
    (c) => c.json([...REASON_CODES], 200),
  )
  app.openapi(
    get(
      '/reference/briefing-lists',
      'getBriefingLists',
      "The briefing's lists: Pegasus Project states, NSO Group's exporting state and EU presence",
      z.object({
        pegasusProjectStates: z.array(z.string()),
        nsoExportingState: z.string(),
        nsoEuPresence: z.array(z.string()),
        source: z.string(),
      }),
    ),
    (c) =>
      c.json(
        {
          pegasusProjectStates: [...PEGASUS_PROJECT_STATES],
          nsoExportingState: NSO_EXPORTING_STATE,
          nsoEuPresence: [...NSO_EU_PRESENCE],
          source: PEGASUS_PROJECT_STATES_SOURCE,
        },
        200,
      ),
  )
  app.openapi(
    get(
      '/authorities',
      'listAuthorities',
      'Competent authorities issuing licences',
      z.array(RegisteredAuthoritySchema),
    ),
    async (c) => c.json(await authorities.listAuthorities(), 200),
  )
  return app
}
