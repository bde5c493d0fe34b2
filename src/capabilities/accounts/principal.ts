/** The roles of Glasshouse's users; the public needs no account. */
export const ROLES = [
  'exporter',
  'officer',
  'senior_officer',
  'analyst',
  'investigator',
  'complaint_handler',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  exporter: 'Exporter',
  officer: 'Licensing officer',
  senior_officer: 'Senior licensing officer',
  analyst: 'Analyst',
  investigator: 'Investigator',
  complaint_handler: 'Complaint handler',
  admin: 'Administrator',
}

/** Who is acting: a signed-in user, or a machine client acting with one user's API token. */
export type Principal = {
  userId: string
  displayName: string
  role: Role
  /** Officers' and senior officers' authority; an exporter's is its organisation's authority. */
  authorityId: string | null
  organisationId: string | null
  /** Set for API tokens: what the token may do beyond reading. */
  scopes: readonly TokenScope[] | null
}

export const TOKEN_SCOPES = ['read', 'write'] as const
export type TokenScope = (typeof TOKEN_SCOPES)[number]

/**
 * Which rows a principal's queries reach, as the database's row-level policies read it:
 * officers their authority's, exporters their organisation's, analysts and investigators all.
 */
export type TenantScope =
  | { kind: 'all' }
  | { kind: 'authority'; authorityId: string }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'none' }

export function tenantScopeOf(principal: Principal): TenantScope {
  switch (principal.role) {
    case 'officer':
    case 'senior_officer':
      return principal.authorityId
        ? { kind: 'authority', authorityId: principal.authorityId }
        : { kind: 'none' }
    case 'exporter':
      return principal.organisationId
        ? { kind: 'organisation', organisationId: principal.organisationId }
        : { kind: 'none' }
    case 'analyst':
    case 'investigator':
      return { kind: 'all' }
    case 'complaint_handler':
    case 'admin':
      return { kind: 'none' }
  }
}

/** The name written into decisions and the audit trail: the user id, never an email. */
export function actorId(principal: Principal): string {
  return principal.userId
}
