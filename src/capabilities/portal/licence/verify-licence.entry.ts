// The licence page's Verify button, bundled by esbuild into /static/verify-licence.js. It fetches
// the proof bundle and checks it here, in the reader's browser, with the same verifier the CLI
// uses; it trusts the log key and origin the page states, not the ones the bundle carries.
// No inline script or style: everything it needs is in data-* attributes (strict CSP).
import { verifyProofBundle } from '../../decision-log/verify-proof-bundle.ts'
import { describeOutcome, type PageDecision, type VerifyOutcome } from './verify-outcome.ts'

function pageDecisions(): PageDecision[] {
  return [...document.querySelectorAll<HTMLElement>('tr[data-log-index]')].map((row) => ({
    logIndex: Number(row.dataset.logIndex),
    action: row.dataset.action ?? '',
    fromState: row.dataset.fromState || null,
    toState: row.dataset.toState ?? '',
    decidedOn: row.dataset.decidedOn ?? '',
    reasonCodes: (row.dataset.reasonCodes ?? '').split(' ').filter((c) => c !== ''),
  }))
}

function show(region: HTMLElement, outcome: VerifyOutcome): void {
  region.replaceChildren()
  region.className = `verify-result ${outcome.ok ? 'verified' : 'failed'}`
  const headline = document.createElement('p')
  headline.className = 'verify-headline'
  headline.textContent = outcome.headline
  region.append(headline)
  if (outcome.details.length > 0) {
    const list = document.createElement('ul')
    for (const detail of outcome.details) {
      const item = document.createElement('li')
      item.textContent = detail
      list.append(item)
    }
    region.append(list)
  }
  // Mark each logged decision of the history as proven or not.
  const proven = new Set(outcome.proven)
  for (const cell of document.querySelectorAll<HTMLElement>('[data-proof-status]')) {
    const index = Number(cell.dataset.proofStatus)
    cell.textContent = proven.has(index) ? 'proven in this browser' : 'not proven'
    cell.className = proven.has(index) ? 'proof-status verified' : 'proof-status failed'
  }
}

async function fetchBundle(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } })
  if (response.status === 404) throw new Error('nothing about this licence is in the decision log')
  if (!response.ok) throw new Error(`the server answered ${response.status}`)
  return response.json()
}

async function verify(section: HTMLElement, button: HTMLButtonElement, region: HTMLElement) {
  const { proofUrl = '', vkey, origin } = section.dataset
  button.disabled = true
  region.className = 'verify-result'
  region.textContent = 'Fetching the proof and checking it…'
  try {
    const bundle = await fetchBundle(proofUrl)
    const result = await verifyProofBundle(bundle, {
      ...(vkey ? { vkey } : {}),
      ...(origin ? { origin } : {}),
    })
    show(region, describeOutcome(bundle, result, pageDecisions()))
  } catch (error) {
    show(region, {
      ok: false,
      headline: `Verification could not run: ${error instanceof Error ? error.message : String(error)}.`,
      details: [],
      proven: [],
    })
  } finally {
    button.disabled = false
  }
}

const section = document.querySelector<HTMLElement>('[data-verify]')
const button = section?.querySelector<HTMLButtonElement>('button[data-verify-button]')
const region = section?.querySelector<HTMLElement>('[data-verify-result]')
if (section && button && region) {
  button.hidden = false
  button.addEventListener('click', () => void verify(section, button, region))
}
