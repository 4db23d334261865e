import { MODEL_CONFIG } from '../../../indicators/index.ts';
import type { ExploitationForm, Framework, Indicator, IndicatorGroup } from '../../../indicators/index.ts';
import { formsInOrder } from './catalogue-filter.ts';
import { STATUS_LABELS } from './labels.ts';

/** The CSV columns an admin can use, with what each holds. Kept in step with api/services/catalogue/csv.ts and docs/catalogue.md. */
const COLUMNS: [string, string][] = [
  [
    'id',
    'Stable indicator id starting with the framework, e.g. afac.7.9. Required. An id already in the catalogue is updated; a new id is added.',
  ],
  ['group', 'Group (risk factor, category) id, e.g. afac.rf7. Required for a new indicator.'],
  [
    'group_label, group_description',
    'Optional: create that group, or give an existing group of this framework its official heading.',
  ],
  ['label, description', 'Short name and one or two sentences, in your own words. Required for a new indicator.'],
  ['relevance', 'direct, indirect or none. Required for a new indicator: flagging is the point of the exercise.'],
  ['forms', 'Exploitation form ids separated by ";", or "-" for none (the ids are listed below).'],
  [
    'measurement, max, saturation, unit',
    'severity (with max, default 4), count or rate (with saturation and unit), or binary. Default: severity 0–4.',
  ],
  [
    'weight, persistence_months',
    'Default weight (default 1) and how many months an observation stays informative (default 6).',
  ],
  ['level', 'country, area, site or route (default area).'],
  [
    'citation, status',
    'Where it comes from (required for a new indicator), and official-number, paraphrase or added (default official-number).',
  ],
];

const ONLY_FACTOR = /^afac\.rf\d+$/;

/** Atrocity-framework risk factors for which Vigil holds no numbered indicator, only the factor itself. */
function factorsWithoutIndicators(
  groups: readonly IndicatorGroup[],
  indicators: readonly Indicator[],
): IndicatorGroup[] {
  const n = (g: IndicatorGroup) => Number(/\d+$/.exec(g.id)?.[0] ?? 0);
  return groups
    .filter(
      (g) => g.framework === 'afac' && indicators.filter((i) => i.group === g.id).every((i) => ONLY_FACTOR.test(i.id)),
    )
    .sort((a, b) => n(a) - n(b));
}

/**
 * "About this catalogue": why the three frameworks, what the flags mean, what each status says, what
 * is missing from the official lists, and how an admin imports a full official list. Same content as
 * docs/catalogue.md.
 */
export function CatalogueAbout({
  frameworks,
  groups,
  indicators,
  forms,
}: {
  frameworks: readonly Framework[];
  groups: readonly IndicatorGroup[];
  indicators: readonly Indicator[];
  forms: readonly ExploitationForm[];
}) {
  const formLabel = new Map(forms.map((f) => [f.id, f.label]));
  const m = MODEL_CONFIG.tipRelevanceMultiplier;
  const bare = factorsWithoutIndicators(groups, indicators);
  return (
    <article className="cat-about">
      <h3>Why these three frameworks</h3>
      <p>
        Trafficking in conflict rarely announces itself: by the time victims are identified, the exploitation has
        usually gone on for months. The UNODC thematic paper{' '}
        <cite>Countering Trafficking in Persons in Conflict Situations</cite> (2018, §4.1.3) therefore proposes not to
        build a new warning system from scratch, but to take the early-warning tools that missions, country teams and
        the UN Secretariat already run, mark which of their indicators also point to trafficking, and add the signs that
        are specific to it. Vigil follows that recipe with the three tools the paper names:
      </p>
      <ul>
        <li>
          the <strong>matrix of early-warning indicators of conflict-related sexual violence</strong> (UN Action, 2011),
          because sexual violence in conflict and sexual exploitation, forced prostitution and sexual slavery feed one
          another;
        </li>
        <li>
          the <strong>OSCE early-warning indicators</strong>, because cross-border organised crime, a collapsing rule of
          law and violations of human rights are the ground trafficking networks grow in;
        </li>
        <li>
          the <strong>Framework of Analysis for Atrocity Crimes</strong> (UN Office on Genocide Prevention and the
          Responsibility to Protect, 2014), because some atrocity risk factors describe the same conduct as trafficking
          — the paper singles out indicator 7.9 (violence against women and children, or conditions set up for sexual
          violence) and 7.12 (marking people or their property by group).
        </li>
      </ul>
      <p>
        A fourth set, <strong>Vigil’s trafficking-specific indicators</strong> (<code>tip</code>), adds what none of the
        three covers: markets in people, abductions, recruitment and use of children, forced marriage to fighters,
        ransom, debt bondage and the like. Each describes a place, route or site over a month — never a person.
      </p>

      <h3>What “direct” and “indirect” mean</h3>
      <dl className="cat-defs">
        <dt>
          <span className="cat-badge cat-rel-direct">Direct</span>
        </dt>
        <dd>
          The indicator describes trafficking conduct itself or a step that is part of it: people sold, captives handed
          to fighters, women pushed into the sex trade, people marked by group. In the trafficking lens it counts at its
          full weight (×{m.direct}).
        </dd>
        <dt>
          <span className="cat-badge cat-rel-indirect">Indirect</span>
        </dt>
        <dd>
          The indicator describes a driver or enabling condition that makes trafficking more likely or harder to see —
          displacement, militias recruiting, observers expelled, livelihoods destroyed — without being trafficking
          itself. In the trafficking lens it counts at ×{m.indirect} of its weight.
        </dd>
        <dt>
          <span className="cat-badge cat-rel-none">Not flagged</span>
        </dt>
        <dd>
          The indicator matters for its own framework’s purpose (atrocity or sexual-violence risk) but not specifically
          for trafficking. It stays in the overall score and its framework’s lens, and is left out of the trafficking
          lens (×{m.none}).
        </dd>
      </dl>
      <p>
        Each indicator also names the <strong>forms of exploitation</strong> it signals (sexual slavery, recruitment of
        children, forced labour, forced marriage…). The forms follow the paper’s section 2.2 and form a shallow
        hierarchy: a filter on a broad form can include the narrower forms under it, and the matrix can fold them into
        families.
      </p>

      <h3>What “status” says</h3>
      <dl className="cat-defs">
        {Object.entries(STATUS_LABELS).map(([k, s]) => (
          <div key={k}>
            <dt>
              <span className={`cat-badge cat-status cat-status-${k}`}>{s.label}</span>
            </dt>
            <dd>{s.hint}.</dd>
          </div>
        ))}
      </dl>
      <p>
        Labels and descriptions are always Vigil’s own short summaries with a citation to the source; the official
        wording is not reproduced.
      </p>

      <h3>What is missing here</h3>
      <p>
        The full official indicator lists of the three frameworks are not available to this installation. What Vigil
        holds is what could be confirmed second-hand, and it says so per framework:
      </p>
      <ul>
        {frameworks.map((f) => (
          <li key={f.id}>
            <strong>{f.shortTitle}.</strong> {f.note}
          </li>
        ))}
      </ul>
      {bare.length > 0 && (
        <p>
          Atrocity-framework risk factors with no numbered indicator here, which analysts rate as a whole until the
          official list is imported: {bare.map((g) => g.label).join('; ')}.
        </p>
      )}

      <h3>What changed in version 2026.2, and why</h3>
      <p>
        A review of version 2026.1 found conditions counted as signs, a count that let a liberation raise risk,
        provisional numbers where the official ones are known, citations to a section that does not say what they claim,
        and annex II signals left out. The Versions tab shows the diff field by field.
      </p>
      <ul>
        <li>
          <strong>OSCE rule of law and human rights are drivers</strong> (indirect). The UNODC paper names both as
          relevant (§4.1.3) and, in the same section, asks whether a flagged indicator points to drivers of exploitation
          or to trafficking itself. A collapsing rule of law and violations of rights are the ground trafficking grows
          in — the Secretary-General’s report S/2017/939 (para. 3) says trafficking in conflict is facilitated by the
          weakness or collapse of the rule of law — not evidence that people are being trafficked. Cross-border
          organised crime stays direct: it takes in the trade in people itself.
        </li>
        <li>
          <strong>A party listed by the UN is a condition, not a sign</strong> (<code>tip.listed-perpetrators</code>:
          indirect, weight 0.5, new label). Listing in the annexes of the report on children and armed conflict follows
          grave violations against children, and the UNODC paper (§3.4) states that trafficking is not one of them;
          sanctions designations (S/2017/939, paras. 56–57) rest on terrorism or human-rights criteria. A listing says
          who is present and what they did before, not that trafficking happens here now; the acts that are trafficking
          (recruitment and use of children, abduction) have their own direct indicators.
        </li>
        <li>
          <strong>Sex demanded for passage is a condition</strong> (<code>tip.sex-for-passage</code>: indirect). The
          UNODC paper (§3.1) says sexual exploitation of a migrant on the way may be an aggravated form of smuggling or
          grooming for trafficking, and the Smuggling of Migrants Protocol (art. 6(3)) treats exploitation by smugglers
          as aggravating smuggling. It marks a route where smugglers already exploit the people they move; people then
          held, sold or prostituted are recorded under the direct indicators.
        </li>
        <li>
          <strong>People freed from armed-group control no longer count</strong> (<code>tip.released-captives</code>{' '}
          retired). As a direct sign, the 20,570 people freed from Boko Haram by March 2017 (S/2017/939, para. 6) raised
          Borno’s risk in the month the group lost ground. A liberation shows exploitation that happened before; what it
          says about risk now is the falling armed-group control (<code>tip.armed-group-control</code>) and the
          screening released people need (para. 75), now part of <code>tip.protection-gap</code>. Observations already
          made stay in the history, uncounted.
        </li>
        <li>
          <strong>Risk factor 8 is numbered 8.5–8.12.</strong> 8.5 covers attacks on leaders or group members and other
          serious violence such as terrorist attacks; 8.6–8.12 follow in the known order. The provisional{' '}
          <code>afac.8.x-…</code> ids are retired, never reused; their observations are carried over to the new ids.
        </li>
        <li>
          <strong>CRSV citations say what they rest on.</strong> Three signal areas and their six indicators cited UNODC
          §4.1.3, which names only the shadow war economy; they now cite Vigil’s reference notes on the frameworks.
        </li>
        <li>
          <strong>Six annex II signals added</strong>, each counted over a place or route and citing the annex lines:
          identity documents held by employers or armed groups, women offered by ethnicity or nationality, children
          moving with unrelated adults or “found”, work sites where inspections find signs of forced labour, victims
          from the area identified abroad (all direct), and new forms of gang crime (indirect: it calls for enquiry).
          Victims identified in the area and victims from it identified abroad are now counted apart.
        </li>
      </ul>
      <p>
        When Vigil ships a new catalogue version, start-up brings the database up to it — a new version row with its
        diff, audited, and every score recomputed — unless an admin imported a catalogue of their own, which is never
        replaced; the server log then says why.
      </p>

      <h3>Importing a full official list</h3>
      <p>
        An admin loads a framework’s official list as a <strong>new catalogue version</strong> — no code change. The
        file is checked as a whole first: every problem is reported with its row and column, and an invalid file changes
        nothing. A valid one becomes the version in force in one transaction, is written to the audit log, and every
        score is recomputed. Indicators that the new version leaves out are <em>retired</em>, never deleted:
        observations keep pointing at the ids they were made against, and an earlier version can be imported again to
        bring them back. The Versions tab shows what each version added, removed and changed.
      </p>
      <pre className="cat-code">
        {`# on the server: start from the current list, add the official rows, check, then load
npx vigil catalogue export --framework afac > afac-official.csv
npx vigil catalogue import afac-official.csv --framework afac --dry-run
npx vigil catalogue import afac-official.csv --framework afac --version 2026.2
npx vigil catalogue versions
npx vigil catalogue diff 2026.1 2026.2

# over HTTP, as an admin (API token)
curl -X POST 'https://vigil.example/api/catalogue/versions?dryRun=true&framework=afac' \\
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @afac-official.csv`}
      </pre>
      <p>
        A <strong>CSV</strong> file is one framework’s list, merged into the catalogue in force. By default the list is
        taken as complete (the framework’s indicators it leaves out are retired); with <code>--mode merge</code> (
        <code>mode=merge</code>) it only adds and updates. For an id already in the catalogue, blank cells keep the
        current value, so a list of ids with only the cells you change is enough. A <strong>JSON</strong> file is a
        whole catalogue in the shape of <code>GET /api/catalogue/versions/&#123;id&#125;</code>’s snapshot. The full
        reference, with the API’s answers, is in <code>docs/catalogue.md</code>.
      </p>
      <table className="cat-columns">
        <caption>CSV columns (header names are case-insensitive)</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">What it holds</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map(([c, d]) => (
            <tr key={c}>
              <td>
                <code>{c}</code>
              </td>
              <td>{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="cat-columns">
        <caption>Exploitation form ids (for the forms column)</caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Form</th>
            <th scope="col">Under</th>
          </tr>
        </thead>
        <tbody>
          {formsInOrder(forms).map(({ form }) => (
            <tr key={form.id}>
              <td>
                <code>{form.id}</code>
              </td>
              <td title={form.definition}>{form.label}</td>
              <td className="muted">{form.parent ? formLabel.get(form.parent) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
