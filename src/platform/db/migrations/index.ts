import type { Migration } from 'kysely'
import * as createRegister from './2026_11_28_1200_create_register.ts'
import * as createWatchlists from './2026_11_28_1400_create_watchlists.ts'
import * as createRiskAssessment from './2026_11_28_1600_create_risk_assessment.ts'
import * as createDecisionLog from './2026_11_28_1800_create_decision_log.ts'
import * as linkDecisionsToLog from './2026_11_28_1900_link_decisions_to_log.ts'
import * as createLogCosignatures from './2026_11_28_2000_create_log_cosignatures.ts'
import * as createAccounts from './2026_11_28_2100_create_accounts.ts'
import * as createAnnualReports from './2026_11_28_2200_create_annual_reports.ts'
import * as createReportFacts from './2026_11_28_2300_create_report_facts.ts'
import * as createInvestigations from './2026_11_28_2400_create_investigations.ts'
import * as logEveryDecision from './2026_12_07_0100_log_every_decision.ts'
import * as fourEyesWithoutGaps from './2026_12_07_0200_four_eyes_without_gaps.ts'
import * as publicText from './2026_12_07_0300_public_text.ts'
import * as largeProject from './2026_12_07_0400_large_project.ts'
import * as itemForEntry from './2026_12_07_1200_item_for_entry.ts'
import * as registerTypeFilters from './2026_12_07_1300_register_type_filters.ts'

/** Every migration, in order. Keys sort by date so Kysely applies them in this order. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_1200_create_register': createRegister,
  '2026_11_28_1400_create_watchlists': createWatchlists,
  '2026_11_28_1600_create_risk_assessment': createRiskAssessment,
  '2026_11_28_1800_create_decision_log': createDecisionLog,
  '2026_11_28_1900_link_decisions_to_log': linkDecisionsToLog,
  '2026_11_28_2000_create_log_cosignatures': createLogCosignatures,
  '2026_11_28_2100_create_accounts': createAccounts,
  '2026_11_28_2200_create_annual_reports': createAnnualReports,
  '2026_11_28_2300_create_report_facts': createReportFacts,
  '2026_11_28_2400_create_investigations': createInvestigations,
  '2026_12_07_0100_log_every_decision': logEveryDecision,
  '2026_12_07_0200_four_eyes_without_gaps': fourEyesWithoutGaps,
  '2026_12_07_0300_public_text': publicText,
  '2026_12_07_0400_large_project': largeProject,
  '2026_12_07_1200_item_for_entry': itemForEntry,
  '2026_12_07_1300_register_type_filters': registerTypeFilters,
}
