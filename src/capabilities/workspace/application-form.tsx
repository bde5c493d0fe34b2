import { LicenceTypeSchema, PartyTypeSchema } from '../licensing/fields.ts'
import { COUNTRIES } from '../reference-data/countries.ts'
import { END_USE_FLAG_LABELS, END_USE_FLAGS } from '../reference-data/end-use-flags.ts'
import { GeaCodeSchema } from '../reference-data/general-authorisations.ts'
import { type FormValues, type Organisation, rowsOf } from './application-form.values.ts'
import { Area, Select, Text } from './form-fields.tsx'
import {
  Csrf,
  ErrorSummary,
  type Errors,
  FieldError,
  fieldId,
  label,
  strs,
  type WsContext,
} from './workspace.page.tsx'

const SORTED_COUNTRIES = [...COUNTRIES].sort((a, b) => a.name.localeCompare(b.name))

const LABELS: Record<string, string> = {
  licenceType: 'Type of authorisation',
  'consignee.name': 'Consignee name (box 5)',
  'consignee.country': 'Consignee country (box 5)',
  'endUser.name': 'End user name (box 9)',
  'endUser.country': 'End user country (box 9)',
  'endUser.type': 'End user type (box 9)',
  'endUser.description': 'End user description (box 9)',
  destination: 'Country of final destination (box 12)',
  intendedUse: 'End use (box 19)',
  intendedUsePublic: 'Public summary of the end use',
  items: 'Items (boxes 13–18)',
}

const COUNTRY_OPTIONS = SORTED_COUNTRIES.map((c) => [c.alpha2, `${c.name} (${c.alpha2})`] as const)
/** An export leaves the Union (Art. 2(2)): member states are no destination of an export licence. */
const DESTINATION_OPTIONS = SORTED_COUNTRIES.filter((c) => !c.euMember).map(
  (c) => [c.alpha2, `${c.name} (${c.alpha2})`] as const,
)
const PARTY_TYPE_OPTIONS = PartyTypeSchema.options.map((t) => [t, label(t)] as const)

/** The application form, laid out along the boxes of the Annex III-A model form. */
export function ApplicationForm(props: {
  c: WsContext
  action: string
  organisation: Organisation
  values: FormValues
  errors: Errors
}) {
  const { values, errors, organisation } = props
  const flags = new Set(strs(values, 'endUseFlags'))
  const itemRows = rowsOf(values, 'items')
  const partyRows = rowsOf(values, 'parties')
  const icp = values.internalComplianceProgramme
  return (
    <form method="post" action={props.action} class="stacked" novalidate>
      <Csrf c={props.c} />
      <ErrorSummary errors={errors} labels={LABELS} />
      <p class="muted">
        The boxes follow the model form of Annex III-A to Regulation (EU) 2021/821. Fields not
        marked optional are required.
      </p>
      <fieldset>
        <legend>Box 1 — Exporter</legend>
        <p>
          <strong>{organisation.name}</strong>, {organisation.country} (your organisation, as
          registered)
        </p>
        {organisation.exporterId ? (
          <p>
            Box 2 — Exporter identification number: <strong>{organisation.exporterId}</strong>
          </p>
        ) : (
          <Text
            name="exporter.id"
            label="Box 2 — Exporter identification number (EORI), optional"
            values={values}
            errors={errors}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Box 6 — Issuing authority and type of authorisation</legend>
        <p>
          Competent authority: <strong>{organisation.authorityId}</strong>
        </p>
        <Select
          name="licenceType"
          label="Type of authorisation"
          values={values}
          errors={errors}
          options={LicenceTypeSchema.options.map((t) => [t, label(t)] as const)}
        />
        <Select
          name="gea"
          label="Union general export authorisation (only for an EU general authorisation)"
          values={values}
          errors={errors}
          options={GeaCodeSchema.options.map((g) => [g, g] as const)}
        />
      </fieldset>
      <fieldset>
        <legend>Box 5 — Consignee</legend>
        <Text name="consignee.name" label="Consignee name" values={values} errors={errors} />
        <Select
          name="consignee.country"
          label="Consignee country"
          values={values}
          errors={errors}
          options={COUNTRY_OPTIONS}
        />
      </fieldset>
      <fieldset>
        <legend>Box 7 — Agent, representative or intermediary (optional)</legend>
        <input type="hidden" name="partiesRows" value={String(partyRows)} />
        {Array.from({ length: partyRows }, (_, i) => (
          <fieldset>
            <legend>{`Other party ${i + 1}`}</legend>
            <Select
              name={`parties.${i}.role`}
              label={`Party ${i + 1} role`}
              values={values}
              errors={errors}
              options={[
                ['intermediary', 'intermediary'],
                ['agent', 'agent or representative'],
              ]}
            />
            <Text
              name={`parties.${i}.name`}
              label={`Party ${i + 1} name`}
              {...{ values, errors }}
            />
            <Select
              name={`parties.${i}.country`}
              label={`Party ${i + 1} country`}
              values={values}
              errors={errors}
              options={COUNTRY_OPTIONS}
            />
            <Select
              name={`parties.${i}.type`}
              label={`Party ${i + 1} type`}
              values={values}
              errors={errors}
              options={PARTY_TYPE_OPTIONS}
            />
            <Text
              name={`parties.${i}.description`}
              label={`Party ${i + 1} description (optional)`}
              values={values}
              errors={errors}
            />
          </fieldset>
        ))}
      </fieldset>
      <fieldset>
        <legend>Box 9 — End user</legend>
        <Text name="endUser.name" label="End user name" values={values} errors={errors} />
        <Select
          name="endUser.country"
          label="End user country"
          values={values}
          errors={errors}
          options={COUNTRY_OPTIONS}
        />
        <Select
          name="endUser.type"
          label="End user type"
          values={values}
          errors={errors}
          options={PARTY_TYPE_OPTIONS}
        />
        <Area
          name="endUser.description"
          label="End user description"
          values={values}
          errors={errors}
        />
        <Text
          name="governmentAgency"
          label="Government agency using the item (optional)"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>Box 12 — Country of final destination</legend>
        <Select
          name="destination"
          label="Country of final destination"
          values={values}
          errors={errors}
          options={DESTINATION_OPTIONS}
        />
        <p class="muted">
          Outside the Union: an export leaves its customs territory (Art. 2(2)). A transfer to
          another member state is not an export licence (Art. 11, Annex IV items only).
        </p>
      </fieldset>
      <fieldset id={fieldId('items')}>
        <legend>Boxes 13–18 — Items</legend>
        <FieldError errors={errors} name="items" />
        <p class="muted">
          Leave unused rows empty. Box 13 description, box 16 control-list number (e.g. 5A001.j),
          box 17 currency and value, box 18 quantity.
        </p>
        <input type="hidden" name="itemsRows" value={String(itemRows)} />
        {Array.from({ length: itemRows }, (_, i) => (
          <fieldset>
            <legend>{`Item ${i + 1}`}</legend>
            <Text
              name={`items.${i}.description`}
              label={`Item ${i + 1} description (box 13)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.controlEntry`}
              label={`Item ${i + 1} control-list number (box 16)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.forEntry`}
              label={`Item ${i + 1} software or technology: the entry it is for (e.g. 5A001.j; leave empty for equipment)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.quantity`}
              label={`Item ${i + 1} quantity (box 18)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.value`}
              label={`Item ${i + 1} value (box 17)`}
              {...{ values, errors }}
            />
            <Text
              name={`items.${i}.currency`}
              label={`Item ${i + 1} currency (box 17)`}
              {...{ values, errors }}
            />
          </fieldset>
        ))}
      </fieldset>
      <fieldset>
        <legend>Box 19 — End use</legend>
        <Area
          name="intendedUse"
          label="Intended end use (confidential: seen by the authority only)"
          values={values}
          errors={errors}
        />
        <Area
          name="intendedUsePublic"
          label="Public summary of the end use (optional; published in the register with the decision — name no person). Left empty, the register says “not stated”"
          values={values}
          errors={errors}
        />
        <fieldset class="checks">
          <legend>End-use red flags that apply (leave all unticked if none apply)</legend>
          {END_USE_FLAGS.map((flag) => (
            <label>
              <input type="checkbox" name="endUseFlags" value={flag} checked={flags.has(flag)} />{' '}
              {END_USE_FLAG_LABELS[flag]}
            </label>
          ))}
          <FieldError errors={errors} name="endUseFlags" />
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Box 22 — Additional information</legend>
        <Area
          name="dueDiligence.summary"
          label="Human-rights due diligence summary (optional)"
          values={values}
          errors={errors}
        />
        <Text
          name="dueDiligence.completedOn"
          label="Due diligence completed on (optional)"
          type="date"
          values={values}
          errors={errors}
        />
        <fieldset class="checks">
          <legend>Internal compliance programme in place (Art. 12(4))?</legend>
          <label>
            <input
              type="radio"
              name="internalComplianceProgramme"
              value="yes"
              checked={icp === 'yes'}
            />{' '}
            yes
          </label>
          <label>
            <input
              type="radio"
              name="internalComplianceProgramme"
              value="no"
              checked={icp === 'no'}
            />{' '}
            no
          </label>
        </fieldset>
      </fieldset>
      <p>
        <button type="submit">Save draft</button>
      </p>
    </form>
  )
}
