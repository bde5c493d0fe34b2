import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { AppError, type FieldIssue } from '../../platform/http/errors.ts'
import { readForm } from '../../platform/http/read-form.ts'
import { type AuthVariables, checkCsrf } from '../accounts/authenticate.ts'
import { can, type Permission } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import { Page } from '../portal/layout.tsx'
import { countryName } from '../reference-data/countries.ts'

export type WsContext = Context<{ Variables: AuthVariables }>

/** Field name → messages, for forms re-rendered after a failed POST. */
export type Errors = Record<string, string[]>

/** Thrown by `guard` for an anonymous visitor; the workspace's error handler sends them to /login. */
export class SignInRequired extends Error {
  readonly next: string
  constructor(next: string) {
    super('sign in required')
    this.next = next
  }
}

/** The signed-in principal with the permission, or a redirect to sign in (anonymous) / 403 page. */
export function guard(c: WsContext, permission?: Permission): Principal {
  const principal = c.get('principal')
  if (!principal) throw new SignInRequired(c.req.path)
  if (permission && !can(principal, permission))
    throw new AppError(
      403,
      'forbidden',
      `Your role (${principal.role}) may not do this (${permission})`,
    )
  return principal
}

/** Only relative workspace paths may be the target after signing in (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/workspace') || /[\\\r\n]/.test(next)) return '/workspace'
  return next
}

/**
 * Whether a failed form's error is one to show beside the form (a 4xx the user can correct);
 * anything else (403, 5xx, unknown errors) goes to the error handler.
 */
export function isFormError(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500 && error.status !== 403
}

/** Parses a form POST and checks its CSRF token (the body is parsed once, with every value). */
export async function postedForm(c: WsContext) {
  const form = await readForm(c, { all: true })
  await checkCsrf(c)
  return form
}

/** Adds the messages of an AppError (field issues, or else its message under `_form`). */
export function errorsOf(error: AppError, fallbackField = '_form'): Errors {
  const errors: Errors = {}
  const issues: FieldIssue[] =
    error.issues && error.issues.length > 0
      ? error.issues
      : [{ field: fallbackField, message: error.message }]
  for (const issue of issues) {
    const field = issue.field || fallbackField
    errors[field] = [...(errors[field] ?? []), issue.message]
  }
  return errors
}

/** The workspace frame: the portal's page with the signed-in user and a sign-out form. */
export function WsPage(props: { c: WsContext; title: string; children: Child }) {
  const principal = props.c.get('principal')
  return (
    <Page
      title={`${props.title} — Glasshouse workspace`}
      account={
        principal ? { name: principal.displayName, csrfToken: props.c.get('csrfToken') } : undefined
      }
    >
      {props.children}
    </Page>
  )
}

export function Csrf(props: { c: WsContext }) {
  return <input type="hidden" name="_csrf" value={props.c.get('csrfToken') ?? ''} />
}

/** The list of all errors at the top of a form, each linking to its field. */
export function ErrorSummary(props: {
  errors: Errors
  labels?: Record<string, string>
  /** Where each message links to; by default the field itself. */
  anchor?: (field: string) => string
}) {
  const entries = Object.entries(props.errors)
  if (entries.length === 0) return null
  return (
    <div class="errors" role="alert" id="errors">
      <h2>There is a problem</h2>
      <ul>
        {entries.map(([field, messages]) => (
          <li>
            {field === '_form' ? (
              messages.join('; ')
            ) : (
              <a href={props.anchor ? props.anchor(field) : `#${fieldId(field)}`}>
                {`${props.labels?.[field] ?? field}: ${messages.join('; ')}`}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function FieldError(props: { errors: Errors; name: string }) {
  const messages = props.errors[props.name]
  if (!messages) return null
  return (
    <p class="error" id={`${fieldId(props.name)}-error`}>
      {`${props.name}: ${messages.join('; ')}`}
    </p>
  )
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

export function Flash(props: { message: string | undefined }) {
  if (!props.message) return null
  return (
    <p class="flash" role="status">
      {props.message}
    </p>
  )
}

export function country(code: string): string {
  const name = countryName(code)
  return name ? `${name} (${code})` : code
}

export function label(value: string): string {
  return value.replaceAll('_', ' ')
}

/** An error page in the workspace frame (403, 404, 409…). */
export function errorPage(c: WsContext, status: number, title: string, message: string) {
  return c.html(
    <WsPage c={c} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/workspace">Back to the workspace</a>
      </p>
    </WsPage>,
    status as 400,
  )
}

/** First string value of a parsed form field. */
export function str(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** All string values of a parsed form field (checkboxes). */
export function strs(form: Record<string, unknown>, name: string): string[] {
  const value = form[name]
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return values.filter((v): v is string => typeof v === 'string')
}
