import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtChange, fmtPct, fmtScore } from '../../lib/format.ts';
import { RegionLink } from '../monitoring/region-link.tsx';
import type { RankingRow, SortDir, SortKey } from './ranking.ts';
import { t, type MessageId } from '../../i18n/messages.ts';

/** The table's columns in order: sort key, whether the column is numeric, and whether its header has a hint. */
const COLUMNS: { key: SortKey; num?: true; hint?: true }[] = [
  { key: 'name' },
  { key: 'country' },
  { key: 'score', num: true, hint: true },
  { key: 'class' },
  { key: 'trend', num: true, hint: true },
  { key: 'trend12', num: true, hint: true },
  { key: 'coverage', num: true, hint: true },
  { key: 'confidence' },
  { key: 'sources', num: true, hint: true },
];

/** A column's header text, in the page's language (also how the caption names the sort). */
export function columnLabel(key: SortKey): string {
  return t(`table.col.${key}`);
}

const columnHint = (key: SortKey): string => t(`table.col.${key}.title` as MessageId);

/** A confidence level as the table shows it. */
const confidenceText = (c: string | null | undefined): string =>
  c === 'high' || c === 'medium' || c === 'low' ? t(`table.confidence.${c}`) : (c ?? '—');

/** What a row without a score of its own rests on, in words. */
function missingNote(r: RankingRow): string | null {
  if (r.basis === 'country') return t('table.countryOnly');
  if (r.basis === 'none') return t('table.noData');
  return null;
}

/**
 * The ranking table: one row per region, every column sortable from its header (a button; the
 * header carries `aria-sort`). Missing values are shown as missing, never as low.
 */
export function RankingTable({
  rows,
  sort,
  dir,
  onSort,
  showCountry,
  caption,
  link,
}: {
  rows: readonly RankingRow[];
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  showCountry: boolean;
  caption: string;
  link: { period: string; lens: Lens; scenario: string };
}) {
  const columns = COLUMNS.filter((c) => showCountry || c.key !== 'country');
  return (
    <div className="table-wrap ranking-wrap">
      <table className="ranking">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.key === sort;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    className="sort"
                    title={c.hint ? columnHint(c.key) : undefined}
                    onClick={() => onSort(c.key)}
                  >
                    {columnLabel(c.key)}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const cls = asClass(r.class);
            const note = missingNote(r);
            return (
              <tr key={r.region} data-region={r.region} data-class={cls}>
                <th scope="row">
                  <RegionLink code={r.region} {...link}>
                    {r.name}
                  </RegionLink>
                </th>
                {showCountry && <td>{r.countryName}</td>}
                <td className="num">
                  {fmtScore(r.score)}
                  {note && <span className="reason">{note}</span>}
                </td>
                <td>
                  <span className="swatch" style={{ background: CLASS_COLORS[cls] }} /> {CLASS_LABELS[cls]}
                  {r.conditionsOnly && (
                    <span className="tag" title={t('table.conditions.title')}>
                      {t('table.conditions')}
                    </span>
                  )}
                </td>
                <td className="num">{fmtChange(r.trend)}</td>
                <td className="num">{fmtChange(r.trend12)}</td>
                <td className="num">{r.basis === 'none' ? '—' : fmtPct(r.coverage)}</td>
                <td>{confidenceText(r.confidence)}</td>
                <td className="num">{r.basis === 'none' ? '—' : r.evidence.sources}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
