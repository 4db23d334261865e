import { MODEL_CONFIG } from '../../../indicators/index.ts';
import type { ExploitationForm, Framework, Indicator, IndicatorGroup } from '../../../indicators/index.ts';
import { formsInOrder } from './catalogue-filter.ts';
import type { ReactNode } from 'react';
import { RELEVANCE_LABELS, STATUS_LABELS } from './labels.ts';
import { t, tRich, type MessageId } from '../../i18n/messages.ts';
import { fmtNumber } from '../../lib/format.ts';

/**
 * The CSV columns an admin can use, with the message saying what each holds. Kept in step with
 * api/services/catalogue/csv.ts and docs/catalogue.md.
 */
const COLUMNS: [string, MessageId][] = [
  ['id', 'catalogue.about.col.id'],
  ['group', 'catalogue.about.col.group'],
  ['group_label, group_description', 'catalogue.about.col.groupLabel'],
  ['label, description', 'catalogue.about.col.label'],
  ['relevance', 'catalogue.about.col.relevance'],
  ['forms', 'catalogue.about.col.forms'],
  ['measurement, max, saturation, unit', 'catalogue.about.col.measurement'],
  ['weight, persistence_months', 'catalogue.about.col.weight'],
  ['level', 'catalogue.about.col.level'],
  ['citation, status', 'catalogue.about.col.citation'],
];

/** The shell commands of the import recipe, with their two comments in the page's language. */
const commands = (server: string, http: string) => `# ${server}
npx vigil catalogue export --framework afac > afac-official.csv
npx vigil catalogue import afac-official.csv --framework afac --dry-run
npx vigil catalogue import afac-official.csv --framework afac --version 2026.2
npx vigil catalogue versions
npx vigil catalogue diff 2026.1 2026.2

# ${http}
curl -X POST 'https://vigil.example/api/catalogue/versions?dryRun=true&framework=afac' \\
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @afac-official.csv`;

/** The tags the About text uses, drawn as themselves. */
const TAGS = {
  strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
  code: (chunks: ReactNode[]) => <code>{chunks}</code>,
  cite: (chunks: ReactNode[]) => <cite>{chunks}</cite>,
  em: (chunks: ReactNode[]) => <em>{chunks}</em>,
};
const rich = (id: MessageId, values: Record<string, string | number> = {}) => tRich(id, { ...TAGS, ...values });

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
      <h3>{t('catalogue.about.whyTitle')}</h3>
      <p>{rich('catalogue.about.why')}</p>
      <ul>
        <li>{rich('catalogue.about.crsv')}</li>
        <li>{rich('catalogue.about.osce')}</li>
        <li>{rich('catalogue.about.afac')}</li>
      </ul>
      <p>{rich('catalogue.about.tip')}</p>

      <h3>{t('catalogue.about.flagsTitle')}</h3>
      <dl className="cat-defs">
        <dt>
          <span className="cat-badge cat-rel-direct">{RELEVANCE_LABELS.direct}</span>
        </dt>
        <dd>{t('catalogue.about.direct', { factor: fmtNumber(m.direct) })}</dd>
        <dt>
          <span className="cat-badge cat-rel-indirect">{RELEVANCE_LABELS.indirect}</span>
        </dt>
        <dd>{t('catalogue.about.indirect', { factor: fmtNumber(m.indirect) })}</dd>
        <dt>
          <span className="cat-badge cat-rel-none">{RELEVANCE_LABELS.none}</span>
        </dt>
        <dd>{t('catalogue.about.none', { factor: fmtNumber(m.none) })}</dd>
      </dl>
      <p>{rich('catalogue.about.forms')}</p>

      <h3>{t('catalogue.about.statusTitle')}</h3>
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
      <p>{t('catalogue.about.labels')}</p>

      <h3>{t('catalogue.about.missingTitle')}</h3>
      <p>{t('catalogue.about.missing')}</p>
      <ul>
        {frameworks.map((f) => (
          <li key={f.id}>
            <strong>{f.shortTitle}.</strong> {f.note}
          </li>
        ))}
      </ul>
      {bare.length > 0 && <p>{t('catalogue.about.bare', { list: bare.map((g) => g.label).join('; ') })}</p>}

      <h3>{t('catalogue.about.changedTitle')}</h3>
      <p>{t('catalogue.about.changed')}</p>
      <ul>
        <li>{rich('catalogue.about.osceDrivers')}</li>
        <li>{rich('catalogue.about.listed')}</li>
        <li>{rich('catalogue.about.passage')}</li>
        <li>{rich('catalogue.about.released')}</li>
        <li>{rich('catalogue.about.rf8')}</li>
        <li>{rich('catalogue.about.crsvCitations')}</li>
        <li>{rich('catalogue.about.annex')}</li>
      </ul>
      <p>{t('catalogue.about.startup')}</p>

      <h3>{t('catalogue.about.importTitle')}</h3>
      <p>{rich('catalogue.about.import')}</p>
      <pre className="cat-code" dir="ltr">
        {commands(t('catalogue.about.cmdServer'), t('catalogue.about.cmdHttp'))}
      </pre>
      <p>{rich('catalogue.about.formats', { path: 'GET /api/catalogue/versions/{id}' })}</p>
      <table className="cat-columns">
        <caption>{t('catalogue.about.columnsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalogue.about.column')}</th>
            <th scope="col">{t('catalogue.about.holds')}</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map(([c, d]) => (
            <tr key={c}>
              <td>
                <code>{c}</code>
              </td>
              <td>{t(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="cat-columns">
        <caption>{t('catalogue.about.formsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalogue.about.id')}</th>
            <th scope="col">{t('catalogue.about.form')}</th>
            <th scope="col">{t('catalogue.about.under')}</th>
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
