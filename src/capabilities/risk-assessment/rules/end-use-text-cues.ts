import type { ReasonCode } from '../../reference-data/reason-codes.ts'
import { cite, finding, LEGAL, listWords, unique, unknownFinding } from './helpers.ts'
import type { Rule } from './rule.ts'

type Cue = { id: string; words: string; pattern: RegExp; reasonCodes: ReasonCode[] }

const TARGETS =
  'journalists?|activists?|opposition|dissidents?|protesters?|human[- ]rights defenders?|lawyers?|ngos?|bloggers?|critics?'

/**
 * The documented vocabulary of cues looked for in the intended-use text and the end-user
 * description (case-insensitive, whole words). A cue is a reason to read the text, not a finding
 * of fact: negations ("not covert") are not understood and are quoted for the officer to judge.
 */
export const TEXT_CUES: readonly Cue[] = [
  {
    id: 'covert',
    words: 'covert or undetectable operation',
    pattern:
      /\b(covert(ly)?|undetect(able|ed)|stealth(y|ily)?|without (the )?(target'?s? )?knowledge)\b/gi,
    reasonCodes: ['CP2'],
  },
  {
    id: 'remote_infection',
    words: 'remote infection or exploitation of devices',
    pattern:
      /\b(remote(ly)? (infect\w*|implant\w*|install\w*|exploit\w*)|exploits?|zero[- ]?(day|click)s?|0-?days?|spyware|trojans?|implants?)\b/gi,
    reasonCodes: ['CP2'],
  },
  {
    id: 'mass_interception',
    words: 'mass or bulk interception',
    pattern:
      /\b(mass|bulk|nationwide|population[- ]wide|dragnet) (interception|surveillance|monitoring|collection|data collection|retention)\b/gi,
    reasonCodes: ['CP2', 'CP2A'],
  },
  {
    id: 'civil_society_targets',
    words: 'monitoring of journalists, activists, the opposition or dissidents',
    pattern: new RegExp(
      `\\b(monitor\\w*|surveil\\w*|track\\w*|target\\w*|watch\\w*|intercept\\w*|spy\\w*|identify\\w*|infect\\w*|hack\\w*|eavesdrop\\w*|wiretap\\w*)\\b[^.;]{0,60}?\\b(${TARGETS})\\b`,
      'gi',
    ),
    reasonCodes: ['CP2', 'CP2A'],
  },
  {
    id: 'no_warrant',
    words: 'interception without a warrant or independent oversight',
    pattern:
      /\b(warrantless|(no|without( a| any)?) (court |judicial )?(warrants?|court orders?|judicial (authori[sz]ation|oversight|approval)|independent oversight))\b/gi,
    reasonCodes: ['CP2', 'CP2A'],
  },
  {
    id: 'bypass_encryption',
    words: 'bypassing encryption',
    pattern:
      /\b(bypass\w*|break\w*|circumvent\w*|defeat\w*|crack\w*) (the |any )?(end-to-end )?(encryption|e2ee|encrypted (messag\w+|communications?|traffic))\b/gi,
    reasonCodes: ['CP2'],
  },
  {
    id: 'track_individuals',
    words: 'tracking individuals',
    pattern:
      /\b(track\w*|locat\w*|geolocat\w*|follow\w*) (the |of )?(individuals?|persons?|people|targets?|subjects?|movements?|locations? of (individuals|persons|people|targets))\b/gi,
    reasonCodes: ['CP2'],
  },
]

type Hit = { cue: Cue; quotes: string[] }

function findCues(text: string): Hit[] {
  const hits: Hit[] = []
  for (const cue of TEXT_CUES) {
    const quotes = unique([...text.matchAll(cue.pattern)].map((match) => match[0].toLowerCase()))
    if (quotes.length > 0) hits.push({ cue, quotes })
  }
  return hits
}

function describe(field: string, hits: Hit[]): string {
  const parts = hits.map(
    (hit) => `${hit.cue.words} (${hit.quotes.map((quote) => `"${quote}"`).join(', ')})`,
  )
  return `${field}: ${parts.join('; ')}`
}

/** Cues of covert, mass or abusive surveillance in the intended-use text and end-user description. */
export const endUseTextCues: Rule = {
  id: 'end-use.text-cues',
  title: 'Cues of covert, mass or abusive surveillance in the intended-use text',
  legalBasis: cite(
    LEGAL.criterion2,
    LEGAL.criterion2a,
    `${LEGAL.guidelines2024} (due diligence on the end use)`,
  ),
  evaluate(input, policy) {
    const fields = [
      { name: 'Intended use', text: input.intendedUse },
      { name: 'End-user description', text: input.endUser.description },
    ]
    if (fields.every((field) => field.text.trim() === '')) {
      return [
        unknownFinding(
          endUseTextCues,
          'No intended-use text to read',
          'The application has neither an intended-use text nor an end-user description.',
        ),
      ]
    }
    const found = fields
      .map((field) => ({ name: field.name, hits: findCues(field.text) }))
      .filter((field) => field.hits.length > 0)
    if (found.length === 0) return []
    const cues = unique(found.flatMap((field) => field.hits.map((hit) => hit.cue)))
    return [
      finding(endUseTextCues, {
        severity: policy.endUse.textCue,
        title: `Intended-use text mentions ${listWords(cues.map((cue) => cue.words))}`,
        evidence: `${found.map((field) => describe(field.name, field.hits)).join('. ')}. Words found by Glasshouse's cue list; read the text in context.`,
        // The intended-use detail is confidential: the public sees which cues, not the quotes.
        publicEvidence: `${found.map((field) => `${field.name}: ${listWords(unique(field.hits.map((hit) => hit.cue)).map((cue) => cue.words))}`).join('. ')}. Words found by Glasshouse's cue list in the application's texts.`,
        reasonCodes: cues.flatMap((cue) => cue.reasonCodes),
        public: true,
      }),
    ]
  },
}
