import type { Child } from 'hono/jsx'
import type { FormValues } from './application-form.values.ts'
import { type Errors, FieldError, fieldId } from './workspace.page.tsx'

type FieldProps = { name: string; label: string; values: FormValues; errors: Errors }

/** The field's string value, or '' (checkbox groups are not shown in these controls). */
function textValue(props: FieldProps): string {
  const value = props.values[props.name]
  return typeof value === 'string' ? value : ''
}

/** A control's id, name (and `more`) and the ARIA attributes that tie it to its error message. */
function control(props: FieldProps, more: Record<string, string> = {}) {
  const invalid = props.errors[props.name] !== undefined
  return {
    id: fieldId(props.name),
    name: props.name,
    ...more,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? `${fieldId(props.name)}-error` : undefined,
  }
}

/** A labelled control with its hint and error message. */
function Field(props: FieldProps & { hint?: string | undefined; children: Child }) {
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint ? <span class="muted">{props.hint}</span> : null}
      {props.children}
      <FieldError errors={props.errors} name={props.name} />
    </div>
  )
}

export function Text(props: FieldProps & { type?: string; hint?: string }) {
  return (
    <Field {...props}>
      <input type={props.type ?? 'text'} {...control(props, { value: textValue(props) })} />
    </Field>
  )
}

export function Area(props: FieldProps) {
  return (
    <Field {...props}>
      <textarea {...control(props)}>{textValue(props)}</textarea>
    </Field>
  )
}

export function Select(props: FieldProps & { options: readonly (readonly [string, string])[] }) {
  const value = props.values[props.name]
  return (
    <Field {...props}>
      <select {...control(props)}>
        <option value="">— choose —</option>
        {props.options.map(([code, text]) => (
          <option value={code} selected={code === value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  )
}
