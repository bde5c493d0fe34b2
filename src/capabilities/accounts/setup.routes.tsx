import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { AppError } from '../../platform/http/errors.ts'
import { readForm } from '../../platform/http/read-form.ts'
import { Page } from '../portal/layout.tsx'
import { activateAccount, activationFor } from './activation.ts'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.ts'
import { createFirstAdmin, setupTokenValid } from './setup.ts'

function SetupForm(props: { token: string; error?: string; email?: string; name?: string }) {
  return (
    <Page title="Set up Glasshouse">
      <h1>Create the first administrator</h1>
      <p>
        This one-time link was printed when the server started with no administrator. The
        administrator then creates the other accounts.
      </p>
      {props.error ? (
        <p role="alert" class="error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/setup">
        <input type="hidden" name="token" value={props.token} />
        <p>
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autocomplete="username"
            value={props.email ?? ''}
          />
        </p>
        <p>
          <label for="name">Name</label>
          <input id="name" name="name" required value={props.name ?? ''} />
        </p>
        <NewPasswordField />
        <button type="submit">Create administrator</button>
      </form>
    </Page>
  )
}

/** The password its owner chooses, with the policy's bounds (setup and activation alike). */
function NewPasswordField() {
  return (
    <p>
      <label for="password">Password (at least {MIN_PASSWORD_LENGTH} characters)</label>
      <input
        id="password"
        name="password"
        type="password"
        required
        minlength={MIN_PASSWORD_LENGTH}
        maxlength={MAX_PASSWORD_LENGTH}
        autocomplete="new-password"
      />
    </p>
  )
}

function ActivateForm(props: { token: string; email: string; error?: string }) {
  return (
    <Page title="Activate your Glasshouse account">
      <h1>Set your password</h1>
      <p>
        {`This one-time link activates the account ${props.email}. Choose a password only you know: an administrator never learns it, and only an account its owner activated may confirm another officer's decision (four-eyes).`}
      </p>
      {props.error ? (
        <p role="alert" class="error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/activate">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="email" autocomplete="username" value={props.email} />
        <NewPasswordField />
        <button type="submit">Activate the account</button>
      </form>
    </Page>
  )
}

function LinkNotValid() {
  return (
    <Page title="Activate your Glasshouse account">
      <h1>This activation link is not valid</h1>
      <p>It is unknown, used or expired. Ask an administrator for a new one.</p>
    </Page>
  )
}

/** /setup: the one-time page that creates the first administrator (no default passwords). */
export function createSetupRoutes({ db, clock }: { db: Db; clock: Clock }) {
  const app = new Hono()
  app.use('/setup', csrf())
  app.get('/setup', async (c) => {
    const token = c.req.query('token') ?? ''
    if (!(await setupTokenValid(db, token, clock.now())))
      return c.html(
        <Page title="Set up Glasshouse">
          <h1>This setup link is not valid</h1>
          <p>
            It is unknown, used or expired. Run <code>glasshouse setup-token</code> for a new one.
          </p>
        </Page>,
        403,
      )
    return c.html(<SetupForm token={token} />)
  })
  app.post('/setup', async (c) => {
    const form = await readForm(c)
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    try {
      await createFirstAdmin(
        db,
        field('token'),
        { email: field('email'), displayName: field('name'), password: field('password') },
        clock.now(),
      )
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return c.html(
        <SetupForm
          token={field('token')}
          error={error.message}
          email={field('email')}
          name={field('name')}
        />,
        error.status as 400,
      )
    }
    return c.redirect('/login', 303)
  })

  // /activate: the owner of an account sets their own password with a one-time link (activation.ts).
  app.use('/activate', csrf())
  app.get('/activate', async (c) => {
    const token = c.req.query('token') ?? ''
    const account = await activationFor(db, token, clock.now())
    if (!account) return c.html(<LinkNotValid />, 403)
    c.header('cache-control', 'no-store')
    return c.html(<ActivateForm token={token} email={account.email} />)
  })
  app.post('/activate', async (c) => {
    const form = await readForm(c)
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    const token = field('token')
    const account = await activationFor(db, token, clock.now())
    if (!account) return c.html(<LinkNotValid />, 403)
    try {
      await activateAccount(db, token, field('password'), clock.now())
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return c.html(
        <ActivateForm token={token} email={account.email} error={error.message} />,
        error.status as 400,
      )
    }
    return c.redirect('/login', 303)
  })
  return app
}
