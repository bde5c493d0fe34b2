import type { Context } from 'hono'
import type { BodyData, ParseBodyOptions } from 'hono/utils/body'
import { ValidationError } from './errors.ts'

/**
 * The posted form, or a 400 naming the body when it cannot be read: a multipart type with no
 * boundary, with no body at all, or cut short. Hono's parseBody throws undici's TypeError for
 * those, which would otherwise answer 500.
 */
export async function readForm<Options extends Partial<ParseBodyOptions>>(
  c: Context,
  options?: Options,
): Promise<BodyData<Options>> {
  try {
    return await c.req.parseBody(options)
  } catch {
    throw new ValidationError('The form cannot be read', [
      { field: '(body)', message: 'is not a readable form' },
    ])
  }
}
