import type { ColumnType, Generated } from 'kysely'

/** Hand-written table interfaces: one per table, snake_case as in SQL. */
export interface Database {
  authorities: AuthoritiesTable
  applications: ApplicationsTable
  application_items: ApplicationItemsTable
  application_parties: ApplicationPartiesTable
  licences: LicencesTable
  decisions: DecisionsTable
  denial_notices: DenialNoticesTable
  identical_transaction_flags: IdenticalTransactionFlagsTable
  watchlist_sources: WatchlistSourcesTable
  watchlist_versions: WatchlistVersionsTable
  watchlist_entities: WatchlistEntitiesTable
  watchlist_changes: WatchlistChangesTable
  screening_runs: ScreeningRunsTable
  policy_versions: PolicyVersionsTable
  evidence_sets: EvidenceSetsTable
  assessments: AssessmentsTable
  log_state: LogStateTable
  log_leaves: LogLeavesTable
  log_nodes: LogNodesTable
  log_checkpoints: LogCheckpointsTable
  log_cosignatures: LogCosignaturesTable
  organisations: OrganisationsTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  setup_tokens: SetupTokensTable
  audit_events: AuditEventsTable
  decision_confirmations: DecisionConfirmationsTable
  account_activations: AccountActivationsTable
  information_requests: InformationRequestsTable
  annual_reports: AnnualReportsTable
  annual_report_files: AnnualReportFilesTable
  investigations: InvestigationsTable
  investigation_findings: InvestigationFindingsTable
  revocation_proposals: RevocationProposalsTable
}

type Instant = ColumnType<Date, Date | string | undefined, Date | string>
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>
type TextArray = ColumnType<string[], string[] | undefined, string[]>

export interface AuthoritiesTable {
  id: string
  member_state: string
  name: string
  source: ColumnType<string, string | undefined, string>
  built_in: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Instant
}

export interface ApplicationsTable {
  id: Generated<number>
  reference: string
  authority_id: string
  issuing_state: string
  state: string
  licence_type: string
  gea: string | null
  exporter_name: string
  exporter_country: string
  exporter_id: string | null
  exporter_key: string
  /** The exporter's organisation when it applied through Glasshouse; null for imported records. */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>
  consignee_name: string
  consignee_country: string
  consignee_key: string
  end_user_name: string
  end_user_country: string
  end_user_type: string
  end_user_description: string
  end_user_key: string
  government_agency: string | null
  destination: string
  /** Confidential detail: never published. */
  intended_use: string
  /** The exporter's summary written for publication; null is published as "not stated". */
  intended_use_public: ColumnType<string | null, string | null | undefined, string | null>
  submitted_on: string | null
  decided_on: string | null
  decision_reasons: TextArray
  /** The officer's internal explanation of the latest decision: never published. */
  decision_explanation: string | null
  /** The latest decision's public reason, written for publication. */
  decision_public_reason: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Instant
  updated_at: Instant
  end_use_flags: ColumnType<string[] | null, string[] | null | undefined, string[] | null>
  due_diligence: ColumnType<unknown | null, string | null | undefined, string | null>
  internal_compliance_programme: ColumnType<
    boolean | null,
    boolean | null | undefined,
    boolean | null
  >
}

export interface ApplicationItemsTable {
  application_id: number
  line_no: number
  control_entry: string
  technology: string
  cyber_surveillance: boolean
  /** The Annex I entry a software or technology line is for (item-purpose.ts), if it says. */
  for_entry: string | null
  description: string
  quantity: string
  value_minor: number
  currency: string
}

export interface ApplicationPartiesTable {
  application_id: number
  line_no: number
  role: string
  name: string
  country: string
  party_type: string
  description: string | null
}

export interface LicencesTable {
  application_id: number
  number: string
  valid_from: string
  valid_until: string | null
  /** Issued as a large-project authorisation (Art. 12(3)): up to four years. */
  large_project: ColumnType<boolean, boolean | undefined, boolean>
  issued_at: Instant
}

export interface DecisionsTable {
  id: Generated<number>
  application_id: number
  action: string
  from_state: string | null
  to_state: string
  actor: string
  decided_at: Instant
  decided_on: string
  reason_codes: TextArray
  /** Internal: never published. */
  explanation: string | null
  /** Written for publication; committed in the decision's log leaf. */
  public_reason: ColumnType<string | null, string | null | undefined, string | null>
  origin: string
  against_recommendation: ColumnType<boolean, boolean | undefined, boolean>
  justification: ColumnType<string | null, string | null | undefined, string | null>
  log_index: ColumnType<number | null, number | null | undefined, number | null>
  log_salts: ColumnType<unknown | null, string | null | undefined, string | null>
  confirmed_by: ColumnType<string | null, string | null | undefined, string | null>
}

export interface DenialNoticesTable {
  id: Generated<number>
  application_id: number
  decision_id: number
  authority_id: string
  issuing_state: string
  kind: string
  destination: string
  end_user_key: string
  consignee_key: string
  control_entries: string[]
  reason_codes: TextArray
  notified_on: string
  review_due: string
  status: ColumnType<string, string | undefined, string>
  created_at: Instant
}

export interface IdenticalTransactionFlagsTable {
  application_id: number
  denial_notice_id: number
  matched_on: string
  control_entry: string
  name_score: ColumnType<number | null, number | null | undefined, number | null>
  flagged_at: Instant
}

export interface WatchlistSourcesTable {
  source: string
  format: string
  current_version_id: number | null
  updated_at: Instant
}

export interface WatchlistVersionsTable {
  id: Generated<number>
  source: string
  format: string
  list_date: string | null
  imported_at: Instant
  actor: string
  files: Json<{ name: string; bytes: number; sha256: string }[]>
  content_sha256: string
  entity_count: number
  name_count: number
  added: number
  removed: number
  modified: number
}

export interface WatchlistEntitiesTable {
  source: string
  entity_id: string
  version_id: number
  schema: string
  caption: string
  content_sha256: string
  data: Json<unknown>
}

export interface WatchlistChangesTable {
  version_id: number
  entity_id: string
  change: 'added' | 'removed' | 'modified'
  caption: string
}

export interface ScreeningRunsTable {
  id: Generated<number>
  application_id: number
  screened_at: Instant
  actor: string
  threshold: number
  list_versions: Json<unknown>
  party_count: number
  hit_count: number
  max_score: number | null
  results: Json<unknown>
}

export interface PolicyVersionsTable {
  version: number
  document: Json<unknown>
  document_sha256: string
  moratorium_active: boolean
  changed_at: Instant
  actor: string
  reason: string
  log_index: ColumnType<number | null, number | null | undefined, number | null>
}

export interface EvidenceSetsTable {
  id: Generated<number>
  kind: 'indicators' | 'spyware-operators' | 'victim-cases'
  imported_at: Instant
  actor: string
  files: Json<{ name: string; bytes: number; sha256: string }[]>
  data: Json<unknown>
}

export interface AssessmentsTable {
  id: Generated<number>
  application_id: number
  assessed_at: Instant
  actor: string
  trigger: 'submission' | 'on_demand' | 'investigation'
  policy_version: number
  input_sha256: string
  level: string
  recommendation: string
  reason_codes: TextArray
  findings: Json<unknown>
  summary: string
}

/** The decision log's one row (id = 1): the current tree size. */
export interface LogStateTable {
  id: number
  size: number
}

export interface LogLeavesTable {
  index: number
  kind: string
  subject: string
  /** The exact logged bytes (UTF-8 canonical JSON) as text. */
  leaf: string
  leaf_hash: Uint8Array
  appended_at: Instant
}

/** Every complete Merkle node; level 0 holds the leaf hashes. */
export interface LogNodesTable {
  level: number
  index: number
  hash: Uint8Array
}

export interface LogCheckpointsTable {
  size: number
  root_hash: Uint8Array
  /** The signed C2SP checkpoint note. */
  note: string
  signed_at: Instant
}

export interface LogCosignaturesTable {
  size: number
  witness: string
  line: string
  received_at: Instant
}

export interface OrganisationsTable {
  id: string
  name: string
  country: string
  authority_id: string
  exporter_id: string | null
  created_at: Instant
}

export interface UsersTable {
  id: string
  email: string
  display_name: string
  role: string
  authority_id: string | null
  organisation_id: string | null
  password_hash: string | null
  /** Who chose the password: its owner (activation link, setup page) or an administrator. */
  password_set_by: ColumnType<
    'owner' | 'administrator' | null,
    'owner' | 'administrator' | null | undefined,
    'owner' | 'administrator' | null
  >
  /** When the owner first took the account over (activation link, or a linked OpenID sign-in). */
  activated_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: Instant
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: Instant
  last_seen_at: Instant
  expires_at: Instant
}

export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  secret_hash: string
  scopes: TextArray
  created_at: Instant
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface SetupTokensTable {
  token_hash: string
  created_at: Instant
  expires_at: Instant
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface AuditEventsTable {
  id: Generated<number>
  at: Instant
  user_id: string | null
  role: string | null
  authority_id: string | null
  organisation_id: string | null
  action: string
  subject: string | null
  outcome: 'ok' | 'denied' | 'failed'
  detail: ColumnType<unknown, string | undefined, string>
}

export interface DecisionConfirmationsTable {
  id: Generated<number>
  application_id: number
  action: ProposedAction
  input: Json<unknown>
  why: string
  proposed_by: string
  proposed_at: Instant
  status: ColumnType<
    'pending' | 'confirmed' | 'rejected' | 'voided',
    'pending' | undefined,
    'confirmed' | 'rejected'
  >
  decided_by: string | null
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  note: string | null
  /** Set (by a trigger on decisions) when a state change overtook the proposal. */
  voided_at: ColumnType<Date | null, never, never>
  voided_reason: ColumnType<string | null, never, never>
  voided_by_decision: ColumnType<number | null, never, never>
}

/** The decisions that may wait for a second officer (four-eyes). */
export type ProposedAction = 'grant' | 'revoke' | 'annul' | 'suspend' | 'reinstate'

/** One-time links with which an account's owner sets their own password. */
export interface AccountActivationsTable {
  token_hash: string
  user_id: string
  /** The administrator who made the link; null when made on the command line. */
  created_by: string | null
  created_at: Instant
  expires_at: Instant
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface InformationRequestsTable {
  id: Generated<number>
  application_id: number
  question: string
  asked_by: string
  asked_at: Instant
  answer: string | null
  answered_by: string | null
  answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface AnnualReportsTable {
  id: Generated<number>
  year: number
  scope_key: string
  version: number
  title: string
  report: Json<unknown>
  licence_count: number
  published_at: Instant
  published_by: string
  log_index: number | null
}

export interface AnnualReportFilesTable {
  report_id: number
  name: string
  media_type: string
  content: Uint8Array
  sha256: string
}

export interface InvestigationsTable {
  id: Generated<number>
  reason: string
  scope: Json<unknown>
  authority_scope: string | null
  policy_version: number
  as_of: string
  status: ColumnType<'running' | 'completed', 'running' | undefined, 'running' | 'completed'>
  started_by: string
  started_at: Instant
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  in_scope: ColumnType<number, number | undefined, number>
  cursor_application_id: ColumnType<number, number | undefined, number>
  pages_done: ColumnType<number, number | undefined, number>
  licences_done: ColumnType<number, number | undefined, number>
  findings_count: ColumnType<number, number | undefined, number>
  proposals_count: ColumnType<number, number | undefined, number>
}

export interface InvestigationFindingsTable {
  investigation_id: number
  application_id: number
  kind: string
  significant: boolean
  infringement: boolean
  level_then: string | null
  level_now: string
  title: string
  evidence: Json<unknown>
  public: boolean
}

export interface RevocationProposalsTable {
  id: Generated<number>
  investigation_id: number
  application_id: number
  level_then: string | null
  level_now: string
  kinds: string[]
  created_at: Instant
  decision: ColumnType<
    'revoke' | 'suspend' | 'maintain' | null,
    undefined,
    'revoke' | 'suspend' | 'maintain'
  >
  decided_by: ColumnType<string | null, undefined, string>
  decided_at: ColumnType<Date | null, undefined, Date>
  reasons: TextArray
  explanation: ColumnType<string | null, undefined, string | null>
}
