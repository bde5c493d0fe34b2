import { Page } from '../layout.tsx'

type Recommendation = {
  /** The briefing's words (bold lead of each recommendation, quoted). */
  quote: string
  /** What Glasshouse does about it today, plainly; "not built" when it does nothing yet. */
  here: string
  links?: { href: string; label: string }[]
}

const SOURCE =
  'Amnesty International, "Briefing on recommendations to the European Union to end unlawful targeted surveillance"'

const WITHIN_EU: Recommendation[] = [
  {
    quote:
      'EU member states must immediately put in place a moratorium on the sale, transfer, and use of cybersurveillance technologies.',
    here: 'An authority can switch a moratorium on in its assessment policy: from then on every cyber-surveillance application in its scope is assessed as to be refused (prohibitive) or held for review (high), and granting one anyway needs a second officer. Each change of the policy is in the decision log.',
    links: [{ href: '/api/public/v1/policy', label: 'the policy in force' }],
  },
  {
    quote:
      'EU member states must ensure effective remedy to victims of unlawful targeted surveillance and hold perpetrators to account for the violations.',
    here: 'Not built yet: a confidential path for victims and their lawyers to reach the authority is planned. The register and the log already give a lawyer the record of which licence allowed which export, and why.',
  },
  {
    quote:
      'EU member states must adopt and enforce legislation that requires all corporate actors to respect human rights and implement human rights due diligence measures as prescribed by the UN Guiding Principles.',
    here: "Not built yet: exporters' due-diligence disclosures are planned; exporter pages say when none has been published.",
    links: [{ href: '/exporters', label: 'exporters' }],
  },
  {
    quote:
      'EU member states must adopt and implement domestic legislation that imposes safeguards against human rights violations and abuses resulting from unlawful digital surveillance.',
    here: "Outside an export register: surveillance law is each member state's. What the register gives such oversight is the record of which surveillance items were authorised, to whom and why.",
    links: [
      { href: '/register?technology=ip_network_surveillance', label: 'IP-surveillance decisions' },
    ],
  },
  {
    quote:
      'EU member states and the European Commission should ensure the robust implementation of the new EU Export Control Rules.',
    here: 'Every application is screened against sanctions and denial lists and assessed for human-rights risk with published, versioned criteria and cited evidence. The annual report carries, for every licence, the fields the briefing lists: items, exporter, end user, destination, intended use, government agency, value, and whether it was granted or denied and why.',
    links: [
      { href: '/register', label: 'the register' },
      { href: '/reports', label: 'annual reports' },
      { href: '/watchlists', label: 'screening lists' },
    ],
  },
  {
    quote:
      "The Council and EU member states should address concerns regarding Hungary's use of unlawful surveillance technologies in the ongoing Article 7 Treaty on European Union (TEU) proceedings.",
    here: "Outside an export register: Article 7 proceedings are the Council's. Hungary is a member state, so it is no destination of an export licence (Art. 2(2) of the Dual-Use Regulation); its own authority's decisions are in the register like every member state's.",
    links: [{ href: '/register?issuingState=HU', label: "Hungary's decisions" }],
  },
  {
    quote:
      'In light of the of the unlawful targeted surveillance in Hungary, the European Commission should investigate the abuse of digital surveillance technologies by Hungarian authorities, as well as whether any other EU member states have engaged in such abuses.',
    here: 'Outside the register: that investigation concerns the use of surveillance inside the Union, not its export. The register and its open data show what each member state authorised for export, for such an investigation to draw on.',
    links: [{ href: '/open-data', label: 'open data' }],
  },
  {
    quote:
      "The European Commission should immediately conduct an investigation into all EU and member states' export licenses granted, including EU General Export Authorisation EU005.",
    here: 'Built: an authority re-screens the licences it granted against the lists and the policy in force; each finding becomes a suspension or revocation proposal decided through the normal lifecycle (a revocation waits for a second officer), and the investigation report is published. EU005 is checked by what each item is for (software for 5A001.j is outside it). Not yet: Union general authorisations are still recorded as applications, not as registrations and uses.',
    links: [{ href: '/register?decision=revoked', label: 'revoked licences' }],
  },
  {
    quote:
      'If members states’ granting of export licenses are found to be in violation of export regulation standards, the European Commission should initiate infringement proceedings.',
    here: 'Each grant records whether it went against the risk assessment, and that fact is in the decision log, so it cannot be quietly changed later.',
    links: [{ href: '/decision-log', label: 'the decision log' }],
  },
  {
    quote:
      'The European Parliament (EP) should engage in a cross-committee and cross-party efforts to properly assess the internal and external elements of this matter and demand a proper European response.',
    here: "Outside the register. The register, the annual reports and the open data are the Parliament's to use.",
    links: [
      { href: '/reports', label: 'annual reports' },
      { href: '/open-data', label: 'open data' },
    ],
  },
]

const FOREIGN_POLICY: Recommendation[] = [
  {
    quote:
      'The EU and its member states must clearly articulate their position on the findings of the Pegasus Project, including through official statements.',
    here: 'Outside the register: a matter for statements, not licensing.',
  },
  {
    quote:
      'EU member States should reach out bilaterally and organize démarches toward the relevant authorities in third states identified in the Pegasus Project as suspected NSO Group clients.',
    here: 'The eleven states the Pegasus Project named are flagged on their country pages, raise the risk of every application to them, and can be selected together in the register.',
    links: [{ href: '/register?pegasus=yes', label: 'decisions about those states' }],
  },
  {
    quote:
      'EU member states must call on Israel and any other exporting states in third countries to immediately revoke all marketing and export licences issued to NSO Group.',
    here: "Outside an EU authority's register. Vendors linked to documented abuse are part of the risk evidence shown on country pages.",
    links: [{ href: '/countries', label: 'countries' }],
  },
  {
    quote:
      'EU member states should participate in key multilateral efforts … to develop robust human rights standards that govern the development, sale, transfer, and use of surveillance equipment.',
    here: 'Outside the register. The open data and the API are there for anyone making that case.',
    links: [{ href: '/open-data', label: 'open data' }],
  },
]

/** The briefing's recommendations, and what Glasshouse does (and does not yet do) about each. */
export function RecommendationsPage() {
  return (
    <Page title="The recommendations — Glasshouse">
      <h1>Why this register exists</h1>
      <p>
        After the Pegasus Project showed NSO Group's spyware turned against journalists, activists
        and lawyers, Amnesty International asked the EU to make the spyware trade answerable. Below
        are its recommendations ({SOURCE}), each with what Glasshouse does about it today.
      </p>
      <h2>Within the European Union</h2>
      <RecommendationList items={WITHIN_EU} />
      <h2>Through the EU's foreign policy</h2>
      <RecommendationList items={FOREIGN_POLICY} />
    </Page>
  )
}

function RecommendationList(props: { items: Recommendation[] }) {
  return (
    <ol class="recommendations">
      {props.items.map((r) => (
        <li>
          <blockquote>{r.quote}</blockquote>
          <p>
            <strong>Here: </strong>
            {r.here}
            {r.links ? (
              <>
                {' '}
                {r.links.map((l, i) => (
                  <>
                    {i > 0 ? ' · ' : ''}
                    <a href={l.href}>{l.label}</a>
                  </>
                ))}
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  )
}
