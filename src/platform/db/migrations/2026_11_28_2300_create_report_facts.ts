import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.

/** The outcomes a report counts (reporting/annual-report.ts OUTCOMES when this landed). */
const OUTCOMES = `'granted','refused','withdrawn','revoked','suspended','annulled'`

/** The outcomes whose decisions sum their items' values in a report. */
const VALUED = `'granted','refused'`

/**
 * Per application among `ids` (a query returning application ids; every application when
 * empty): its item keys as one text, "entries RS technologies RS cyber entries" (RS: chr(30)),
 * each list its distinct values sorted and joined by US (chr(31)) — the cyber entries are the
 * control entries of its cyber-surveillance items —, and whether it has a cyber-surveillance item.
 * One short text groups far faster than three arrays.
 */
function itemSets(ids: string): string {
  const list = (column: string, filter = '') =>
    `coalesce(array_to_string(array_agg(distinct i.${column} order by i.${column})${filter},
      chr(31)), '')`
  return `(select i.application_id,
      ${list('control_entry')} || chr(30) || ${list('technology')} || chr(30) ||
        ${list('control_entry', ' filter (where i.cyber_surveillance)')} as items,
      bool_or(i.cyber_surveillance) as cyber
    from application_items i ${ids ? `where i.application_id in (${ids})` : ''}
    group by i.application_id)`
}

const EVENT_COLUMNS = `application_id, decision_id, day, outcome, authority_id, authority_state,
  issuing_state, destination, gea, reason_codes, items, cyber`

/**
 * The columns every event carries from `applications a join authorities au left join
 * itemSets(…) s`: the application's, its authority's member state, its items' keys.
 */
const APPLICATION_FACTS = `a.authority_id, au.member_state::text, a.issuing_state::text,
  a.destination::text, a.gea`
const ITEM_FACTS = `coalesce(s.items, chr(30) || chr(30)), coalesce(s.cyber, false)`

/** report_events rows for the counted decisions `decisions` (a relation of decisions rows). */
function decisionEvents(decisions: string, ids: string): string {
  return `select d.application_id, d.id, d.decided_on, report_outcome(d.action, d.to_state),
      ${APPLICATION_FACTS},
      case when cardinality(d.reason_codes) > 0
        then array(select distinct c from unnest(d.reason_codes) c order by 1) end,
      ${ITEM_FACTS}
    from ${decisions} d
    join applications a on a.id = d.application_id
    join authorities au on au.id = a.authority_id
    left join ${itemSets(ids)} s on s.application_id = a.id
    where report_outcome(d.action, d.to_state) is not null`
}

/** report_events rows for the receipts of the applications `applications` (submitted ones). */
function receiptEvents(applications: string, ids: string): string {
  return `select a.id, null::bigint, a.submitted_on, null::text, ${APPLICATION_FACTS},
      null::text[], ${ITEM_FACTS}
    from ${applications} a join authorities au on au.id = a.authority_id
    left join ${itemSets(ids)} s on s.application_id = a.id
    where a.submitted_on is not null`
}

/** report_values rows: the item lines of the events `events` (report_events rows) granted or refused. */
function valuesOf(events: string, order = ''): string {
  return `insert into report_values (application_id, line_no, day, outcome, authority_id,
      authority_state, issuing_state, destination, gea, control_entry, technology,
      cyber_surveillance, currency, value_minor)
    select e.application_id, i.line_no, e.day, e.outcome, e.authority_id, e.authority_state,
      e.issuing_state, e.destination, e.gea, i.control_entry, i.technology,
      i.cyber_surveillance, i.currency::text, i.value_minor
    from ${events} e join application_items i on i.application_id = e.application_id
    where e.outcome in (${VALUED}) ${order}`
}

/**
 * Security definer: the tenant role writes decisions but may not read or write the facts. The
 * triggers touch a batch's applications only, by index: inside a large import the tables have
 * no statistics yet, and `= any(…)` of 500 ids with default selectivities looks like the whole
 * table, so sequential scans, hash and merge joins (each a pass over a growing table) are off.
 */
const DEFINER = `language plpgsql security definer set search_path from current
  set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off`

/** The statement-level triggers that keep the facts: table, event, function. */
const TRIGGERS: [string, 'insert' | 'update' | 'delete', string][] = [
  ['applications', 'insert', 'report_facts_on_application'],
  ['applications', 'update', 'report_facts_on_application'],
  ['applications', 'delete', 'report_facts_on_application'],
  ['application_items', 'insert', 'report_facts_on_item'],
  ['application_items', 'update', 'report_facts_on_item'],
  ['application_items', 'delete', 'report_facts_on_item'],
  ['decisions', 'insert', 'report_facts_on_decision'],
  ['authorities', 'update', 'report_facts_on_authority'],
]

/** A trigger with its transition tables: old_rows (update, delete), new_rows (insert, update). */
function trigger(table: string, event: string, fn: string): string {
  const old = event === 'insert' ? '' : 'old table as old_rows'
  const rows = event === 'delete' ? '' : 'new table as new_rows'
  return `create trigger report_facts_${event} after ${event} on ${table}
      referencing ${old} ${rows} for each statement execute function ${fn}();`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    -- The annual report's facts, kept by triggers whenever a decision, an application or its
    -- items are written, so a report reads two narrow tables and joins nothing: one row per
    -- counted decision or receipt (report_events) with the application's columns and its
    -- items' keys, and one per item line of each decision granted or refused
    -- (report_values). Internal: never granted to glasshouse_tenant (it holds every tenant's
    -- receipts).
    create table report_events (
      application_id bigint not null,
      decision_id bigint,               -- null: the application's receipt (submitted_on)
      day date not null,                -- decided_on, or submitted_on for a receipt
      outcome text,                     -- as reports count it; null for a receipt
      authority_id text not null,
      authority_state text not null,    -- the authority's member state (the EU scope)
      issuing_state text not null,
      destination text not null,
      gea text,
      reason_codes text[],              -- distinct and sorted, null when there are none
      items text not null,              -- the items' keys (itemSets in this migration)
      cyber boolean not null            -- a cyber-surveillance item
    );
    create index report_events_day_idx on report_events (day);
    create index report_events_application_idx on report_events (application_id);

    create table report_values (
      application_id bigint not null,
      line_no integer not null,
      day date not null,
      outcome text not null,
      authority_id text not null,
      authority_state text not null,
      issuing_state text not null,
      destination text not null,
      gea text,
      control_entry text not null,
      technology text not null,
      cyber_surveillance boolean not null,
      currency text not null,
      value_minor bigint not null
    );
    create index report_values_day_idx on report_values (day);
    create index report_values_application_idx on report_values (application_id);

    -- What a decision counts as in a report (reporting/report-decisions.query.ts OUTCOME_SQL).
    create function report_outcome(action text, to_state text) returns text
    language sql immutable parallel safe as $fn$
      select case action
        when 'grant' then 'granted' when 'refuse' then 'refused' when 'withdraw' then 'withdrawn'
        when 'revoke' then 'revoked' when 'suspend' then 'suspended' when 'annul' then 'annulled'
        when 'import' then case when to_state in (${OUTCOMES}) then to_state end
      end
    $fn$;

    -- Recomputes every fact of the applications ids (their columns or their items changed).
    -- Recomputes every fact of the applications ids (their columns or their items changed).
    -- Every statement a trigger runs is EXECUTEd, so planned for the rows at hand: a plan cached
    -- on an empty register (the first batch of an import) would scan whole tables ever after.
    create function report_facts_rebuild(ids bigint[]) returns void ${DEFINER} as $fn$
    begin
      execute 'delete from report_events where application_id = any($1)' using ids;
      execute 'delete from report_values where application_id = any($1)' using ids;
      execute $q$insert into report_events (${EVENT_COLUMNS})
        ${receiptEvents('(select * from applications where id = any($1))', 'select unnest($1)')}
        union all
        ${decisionEvents(
          '(select * from decisions where application_id = any($1))',
          'select unnest($1)',
        )}$q$ using ids;
      execute $q$${valuesOf('(select * from report_events where application_id = any($1))')}$q$
        using ids;
    end $fn$;

    create function report_facts_on_application() returns trigger ${DEFINER} as $fn$
    declare
      ids bigint[];
    begin
      if tg_op = 'INSERT' then
        -- A new application has no items yet (they reference it), nor decisions: its receipt.
        execute $q$insert into report_events (${EVENT_COLUMNS})
          ${receiptEvents('new_rows', 'select null::bigint where false')}$q$;
        return null;
      end if;
      if tg_op = 'UPDATE' then
        -- Transition tables have no index: pairing old and new rows needs a hash join (a nested
        -- loop over a bulk update of 100,000 rows ran for minutes).
        perform set_config('enable_hashjoin', 'on', true);
        select array_agg(n.id) into ids from new_rows n join old_rows o on o.id = n.id
          where (n.authority_id, n.issuing_state, n.destination, n.gea, n.submitted_on)
            is distinct from (o.authority_id, o.issuing_state, o.destination, o.gea, o.submitted_on);
        perform set_config('enable_hashjoin', 'off', true);
      else
        select array_agg(id) into ids from old_rows;
      end if;
      if ids is not null then perform report_facts_rebuild(ids); end if;
      return null;
    end $fn$;

    create function report_facts_on_item() returns trigger ${DEFINER} as $fn$
    declare
      ids bigint[];
    begin
      if tg_op = 'INSERT' then
        -- Lines added (a draft written, an import's batch): the events of their applications
        -- (an import's receipts, so far) take the new keys; value lines are written again.
        execute $q$update report_events e set items = s.items, cyber = s.cyber
          from ${itemSets('select application_id from new_rows')} s
          where e.application_id = s.application_id$q$;
        execute $q$delete from report_values
          where application_id in (select application_id from new_rows)$q$;
        execute $q$${valuesOf(
          `(select * from report_events
            where application_id in (select application_id from new_rows))`,
        )}$q$;
        return null;
      end if;
      if tg_op = 'UPDATE' then
        select array_agg(distinct id) into ids from (
          select application_id as id from new_rows union all
          select application_id from old_rows) x;
      else
        select array_agg(distinct application_id) into ids from old_rows;
      end if;
      if ids is not null then perform report_facts_rebuild(ids); end if;
      return null;
    end $fn$;

    create function report_facts_on_decision() returns trigger ${DEFINER} as $fn$
    begin
      execute $q$with e as (
        insert into report_events (${EVENT_COLUMNS})
          ${decisionEvents('new_rows', 'select application_id from new_rows')}
        returning *
      )
      ${valuesOf('e')}$q$;
      return null;
    end $fn$;

    create function report_facts_on_authority() returns trigger ${DEFINER} as $fn$
    declare
      ids bigint[];
    begin
      select array_agg(a.id) into ids from applications a
        join new_rows n on n.id = a.authority_id join old_rows o on o.id = n.id
        where n.member_state is distinct from o.member_state;
      if ids is not null then perform report_facts_rebuild(ids); end if;
      return null;
    end $fn$;

    create function report_facts_on_items_truncate() returns trigger ${DEFINER} as $fn$
    begin
      update report_events set items = chr(30) || chr(30), cyber = false;
      delete from report_values;
      return null;
    end $fn$;

    -- Decisions are append-only (decisions_append_only): an insert is their only change.
    ${TRIGGERS.map(([table, event, fn]) => trigger(table, event, fn)).join('\n')}
    create trigger report_facts_truncate after truncate on application_items
      for each statement execute function report_facts_on_items_truncate();

    revoke all on function report_facts_rebuild(bigint[]) from public;

    -- The facts of the rows already in the register, in day order (a year's rows together).
    insert into report_events (${EVENT_COLUMNS})
      select * from (
        ${receiptEvents('applications', '')}
        union all
        ${decisionEvents('decisions', '')}
      ) e order by 3;
    ${valuesOf('report_events', 'order by e.day')};
    analyze report_events;
    analyze report_values;

    -- The live queries over a year's decisions (the per-licence table) read it index-only.
    create index decisions_decided_on_covering_idx on decisions (decided_on)
      include (application_id, action, to_state);
  `)
    .execute(db)
}
