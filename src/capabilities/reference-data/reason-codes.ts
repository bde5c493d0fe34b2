import { z } from 'zod'
import type { Verification } from './verification.ts'

export const ReasonCodeSchema = z.enum([
  // refusals
  'CP1',
  'CP2',
  'CP2A',
  'CP2B',
  'CP2C',
  'CP3',
  'CP4',
  'CP5',
  'CP6',
  'CP7',
  'CP8',
  'ART4',
  'ART5',
  'SANCTIONS',
  'MORATORIUM',
  'DIVERSION',
  'PRIOR_DENIAL',
  'DUE_DILIGENCE',
  'OTHER',
  // grants
  'NO_SIGNIFICANT_RISK',
  'CONDITIONS',
  // revocations, suspensions, annulments
  'NEW_EVIDENCE',
  'POLICY_CHANGE',
  'NON_COMPLIANCE',
])
export type ReasonCode = z.infer<typeof ReasonCodeSchema>

export const DecisionKindSchema = z.enum(['refusal', 'grant', 'revocation'])
export type DecisionKind = z.infer<typeof DecisionKindSchema>

export type ReasonCodeInfo = {
  code: ReasonCode
  title: string
  appliesTo: DecisionKind[]
  legalBasis: string
  source: string
  verification: Verification
}

const CP = 'Council Common Position 2008/944/CFSP Art 2 (as amended by Decision (CFSP) 2019/1560)'
const CP_HOOK =
  'Reg. (EU) 2021/821 Art 15(1)(c) (considerations incl. Common Position 2008/944/CFSP)'
const ART15 = 'Reg. (EU) 2021/821 Art 15 (gesetze.legal/eu/vo_eu_2021_821/15) [V]'
const ART16 = 'Reg. (EU) 2021/821 Art 16(1) (sintact.ro, art-16) [V]'

/*
 * appliesTo, decided per code: a ground that justifies refusing an authorisation also justifies
 * annulling, suspending or revoking one already granted when it arises later (Art 16(1) allows
 * all four; CP Art 1(1a) encourages reassessment on new information), so the criteria, the
 * catch-alls, sanctions, moratorium and diversion apply to refusal and revocation. Two refusal
 * codes do not: PRIOR_DENIAL (the Art 16 consultation is a duty before deciding, not a ground to
 * withdraw a licence) and DUE_DILIGENCE (an application-stage finding about the exporter's
 * diligence; later breaches are NON_COMPLIANCE). OTHER applies to every kind.
 */
const REFUSE_OR_REVOKE: DecisionKind[] = ['refusal', 'revocation']

function info(
  code: ReasonCode,
  title: string,
  appliesTo: DecisionKind[],
  legalBasis: string,
  source: string,
  verification: Verification,
): ReasonCodeInfo {
  return Object.freeze({ code, title, appliesTo, legalBasis, source, verification })
}

function criterion(code: ReasonCode, title: string, para: string, source: string, v: Verification) {
  return info(code, title, REFUSE_OR_REVOKE, `${CP_HOOK}; ${CP} ${para}`, source, v)
}

export const REASON_CODES: readonly ReasonCodeInfo[] = Object.freeze([
  criterion(
    'CP1',
    'Criterion 1 — respect for international obligations and commitments (embargoes, non-proliferation treaties, export-control regimes)',
    'Criterion One',
    'EP text via wordscope; publications.parliament.uk extract [V]',
    'verified',
  ),
  criterion(
    'CP2',
    'Criterion 2 — respect for human rights in the country of final destination and respect by that country for international humanitarian law',
    'Criterion Two',
    'facing-finance.org [V]; Reg. 2021/821 recital 2 (cyber-surveillance: internal repression, serious HR/IHL violations) [V]',
    'verified',
  ),
  criterion(
    'CP2A',
    'Criterion 2(a) — clear risk that the items might be used for internal repression (deny)',
    'Criterion Two (a)',
    'facing-finance.org [V]',
    'verified',
  ),
  criterion(
    'CP2B',
    'Criterion 2(b) — special caution and vigilance: serious human-rights violations established by competent UN, EU or Council of Europe bodies',
    'Criterion Two (b)',
    'facing-finance.org [V]',
    'verified',
  ),
  criterion(
    'CP2C',
    'Criterion 2(c) — clear risk that the items might be used in the commission of serious violations of international humanitarian law (deny)',
    'Criterion Two (c)',
    'from memory (domain-facts §1.5 [U]) — check',
    'unverified',
  ),
  criterion(
    'CP3',
    'Criterion 3 — internal situation in the country of final destination (armed conflicts, tensions)',
    'Criterion Three',
    'epthinktank.eu, "Licence denials by type of criteria" (2015) [S]',
    'secondary',
  ),
  criterion(
    'CP4',
    'Criterion 4 — preservation of regional peace, security and stability',
    'Criterion Four',
    'epthinktank.eu (2015) [S]',
    'secondary',
  ),
  criterion(
    'CP5',
    'Criterion 5 — national security of the member states and of their friends and allies',
    'Criterion Five',
    'epthinktank.eu (2015) [S]',
    'secondary',
  ),
  criterion(
    'CP6',
    'Criterion 6 — behaviour of the buyer country towards the international community, incl. terrorism and respect for international law',
    'Criterion Six',
    'epthinktank.eu (2015) [S]',
    'secondary',
  ),
  criterion(
    'CP7',
    'Criterion 7 — risk of diversion or re-export to an unauthorised end-user or end-use',
    'Criterion Seven',
    "epthinktank.eu (2015); User's Guide (Council doc 10858/15) via yumpu [S]",
    'secondary',
  ),
  criterion(
    'CP8',
    'Criterion 8 — compatibility with the technical and economic capacity of the recipient country',
    'Criterion Eight',
    'from memory; EP Think Tank paraphrase "sustainable development" (domain-facts §1.5 [U]) — check',
    'unverified',
  ),
  info(
    'ART4',
    'Art 4 catch-all — intended for WMD or missile use, or military end-use in an embargoed country',
    REFUSE_OR_REVOKE,
    'Reg. (EU) 2021/821 Art 4(1)',
    'sintact.ro …/roz-ii [V]',
    'verified',
  ),
  info(
    'ART5',
    'Art 5 catch-all — cyber-surveillance item intended for use in connection with internal repression or serious violations of human rights or IHL',
    REFUSE_OR_REVOKE,
    'Reg. (EU) 2021/821 Art 5(1)–(2)',
    'gesetze.legal/eu/vo_eu_2021_821/5; sintact.ro …/art-5 [V]',
    'verified',
  ),
  info(
    'SANCTIONS',
    'Obligations under sanctions (Council decision or common position, OSCE decision, binding UN Security Council resolution)',
    REFUSE_OR_REVOKE,
    'Reg. (EU) 2021/821 Art 15(1)(b)',
    ART15,
    'verified',
  ),
  info(
    'MORATORIUM',
    'National moratorium or policy on the sale and transfer of surveillance technology',
    REFUSE_OR_REVOKE,
    'Reg. (EU) 2021/821 Art 15(1)(c) (national foreign and security policy) and Art 9 (national measures for human-rights considerations) — our reading',
    'Amnesty International briefing on the Pegasus Project (moratorium call, also by the UN High Commissioner for Human Rights); Art 9 text gesetze.legal …/9 [V]',
    'secondary',
  ),
  info(
    'DIVERSION',
    'Intended end use and risk of diversion',
    REFUSE_OR_REVOKE,
    'Reg. (EU) 2021/821 Art 15(1)(d)',
    ART15,
    'verified',
  ),
  info(
    'PRIOR_DENIAL',
    'Essentially identical transaction denied by another member state (after consultation)',
    ['refusal'],
    'Reg. (EU) 2021/821 Art 16 (consultation before deciding; paragraph believed 16(5))',
    'sintact.ro …/art-16 (content [V], paragraph number [U])',
    'secondary',
  ),
  info(
    'DUE_DILIGENCE',
    "Exporter's due diligence or internal compliance programme insufficient",
    ['refusal'],
    'Reg. (EU) 2021/821 Art 15(2) (ICP for global authorisations) and Art 5(2) (due-diligence findings); Rec. (EU) 2024/2659 and 2019/1318',
    'Art 15 text [V]; applying it as a refusal ground is our reading',
    'secondary',
  ),
  info(
    'OTHER',
    'Other reason (explain)',
    ['refusal', 'grant', 'revocation'],
    'Reg. (EU) 2021/821 Art 15(1) ("all relevant considerations") and Art 16(1)',
    ART15,
    'verified',
  ),
  info(
    'NO_SIGNIFICANT_RISK',
    'Assessment under Art 15 found no clear risk on any criterion',
    ['grant'],
    'Reg. (EU) 2021/821 Art 15(1); Common Position 2008/944/CFSP Art 1(1) (case-by-case assessment)',
    `${ART15}; eur-lex CELEX 02008E0944-20190917 [V]`,
    'verified',
  ),
  info(
    'CONDITIONS',
    'Granted subject to conditions (e.g. end-use assurances, reporting, limited validity)',
    ['grant'],
    'Reg. (EU) 2021/821 Art 12 (authorisations and their conditions; paragraph not checked)',
    'domain-facts §1.4 (Art 12 [V] for the types; conditions on individual authorisations [U]) — check',
    'unverified',
  ),
  info(
    'NEW_EVIDENCE',
    'New relevant information after the grant (reassessment)',
    ['revocation'],
    'Reg. (EU) 2021/821 Art 16(1); Common Position 2008/944/CFSP Art 1(1a)',
    `${ART16}; eur-lex CELEX 02008E0944-20190917 [V]`,
    'verified',
  ),
  info(
    'POLICY_CHANGE',
    'Change of policy or law after the grant (e.g. new sanctions, destination list change)',
    ['revocation'],
    'Reg. (EU) 2021/821 Art 16(1)',
    `${ART16}; the ground is our reading`,
    'secondary',
  ),
  info(
    'NON_COMPLIANCE',
    'Exporter did not comply with the conditions of the authorisation',
    ['revocation'],
    'Reg. (EU) 2021/821 Art 16(1)',
    `${ART16}; the ground is our reading`,
    'secondary',
  ),
])

/** The codes that may justify a decision of this kind, in table order. */
const CODES_BY_KIND = new Map(
  DecisionKindSchema.options.map((kind) => [
    kind,
    Object.freeze(
      REASON_CODES.filter((reason) => reason.appliesTo.includes(kind)).map((r) => r.code),
    ),
  ]),
)

/** The codes a decision of this kind may give (computed once: importers ask per line). */
export function reasonCodesFor(kind: DecisionKind): readonly string[] {
  return CODES_BY_KIND.get(kind) ?? []
}

export function isReasonCode(code: string): code is ReasonCode {
  return ReasonCodeSchema.safeParse(code).success
}
