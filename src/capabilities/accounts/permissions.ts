import { ForbiddenError } from '../../platform/http/errors.ts'
import type { Principal, Role } from './principal.ts'

/**
 * What each role may do. Tenancy (whose records) is separate: services check it, and the
 * database's row-level policies enforce it again (tenant.ts).
 */
export const PERMISSIONS = {
  'application.read':
    'Read applications and licences (own organisation or authority; analysts all)',
  'application.draft': 'Create, edit, submit and withdraw applications',
  'application.review': 'Start the review of an application and ask the exporter for information',
  'application.decide': 'Grant, refuse, suspend, reinstate, revoke, annul and expire',
  'decision.confirm': "Confirm or reject another officer's grant or revocation (four-eyes)",
  'information.answer': 'Answer requests for information on own applications',
  'screening.run': 'Screen party names against the lists in force',
  'screening.read': 'Read screening results and list changes',
  'assessment.run': 'Run a risk assessment of an application',
  'assessment.read': 'Read risk assessments',
  'denials.read': "Read other authorities' denial notices (Art. 23)",
  'policy.change': 'Adopt a screening policy or a moratorium',
  'authority.add': 'Add a competent authority',
  'users.manage': 'Create and disable accounts, revoke any token',
  'audit.read': 'Read the internal audit trail',
  'tokens.own': 'Create, list and revoke own API tokens',
  'report.publish': 'Publish (freeze) an annual report',
  'investigation.run':
    "Start or resume an investigation of granted licences (senior officers: their authority's only)",
  'investigation.read':
    "Read investigations, their findings and revocation proposals (officers: their authority's licences)",
  'investigation.infringements':
    'Read infringement flags of every authority (licences granted contrary to the Regulation or the policy)',
} as const
export type Permission = keyof typeof PERMISSIONS

const OFFICER: Permission[] = [
  'application.read',
  'application.draft',
  'application.review',
  'application.decide',
  'decision.confirm',
  'screening.run',
  'screening.read',
  'assessment.run',
  'assessment.read',
  'denials.read',
  'tokens.own',
  'investigation.read',
]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  exporter: [
    'application.read',
    'application.draft',
    'information.answer',
    'screening.run',
    'tokens.own',
  ],
  officer: OFFICER,
  senior_officer: [
    ...OFFICER,
    'policy.change',
    'audit.read',
    'report.publish',
    'investigation.run',
  ],
  analyst: [
    'application.read',
    'screening.run',
    'screening.read',
    'assessment.read',
    'denials.read',
    'tokens.own',
    'report.publish',
    'investigation.read',
    'investigation.infringements',
  ],
  investigator: [
    'application.read',
    'screening.run',
    'screening.read',
    'assessment.run',
    'assessment.read',
    'denials.read',
    'audit.read',
    'tokens.own',
    'investigation.run',
    'investigation.read',
    'investigation.infringements',
  ],
  // Victims' complaints arrive with the remedy capability; until then the role holds an account only.
  complaint_handler: ['tokens.own'],
  admin: ['authority.add', 'users.manage', 'audit.read', 'tokens.own'],
}

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return principal !== undefined && ROLE_PERMISSIONS[principal.role].includes(permission)
}

/** The service-side check: every service method that acts for someone calls this first. */
export function assertCan(principal: Principal, permission: Permission): void {
  if (!can(principal, permission))
    throw new ForbiddenError(`Your role (${principal.role}) may not do this (${permission})`)
}
