import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtChange, fmtPct, fmtScore } from '../../lib/format.ts';
import { RegionLink } from '../monitoring/region-link.tsx';
import type { RankingRow, SortDir, SortKey } from './ranking.ts';

/** The table's columns in order: header text, sort key, and whether the column is numeric. */
const COLUMNS: { key: SortKey; label: string; num?: true; title?: string }[] = [
  { key: 'name', label: 'Region' },
  { key: 'country', label: 'Country' },
  { key: 'score', label: 'Score', num: true, title: 'Risk score, 0–10' },
  { key: 'class', label: 'Class' },
  { key: 'trend', label: '3 months', num: true, title: 'Change in score over 3 months' },
  { key: 'trend12', label: '12 months', num: true, title: 'Change in score over 12 months' },
  { key: 'coverage', label: 'Coverage', num: true, title: 'Share of the lens’s indicators observed' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'sources', label: 'Sources', num: true, title: 'Independent sources behind the evidence' },
];

/** What a row without a score of its own rests on, in words. */
function missingNote(r: RankingRow): string | null {
  if (r.basis === 'country') return 'country-level only';
  if (r.basis === 'none') return 'no data';
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
                  <button type="button" className="sort" title={c.title} onClick={() => onSort(c.key)}>
                    {c.label}
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
                    <span className="tag" title="Scored on conditions only: no direct sign recorded for the region">
                      conditions only
                    </span>
                  )}
                </td>
                <td className="num">{fmtChange(r.trend)}</td>
                <td className="num">{fmtChange(r.trend12)}</td>
                <td className="num">{r.basis === 'none' ? '—' : fmtPct(r.coverage)}</td>
                <td>{r.confidence ?? '—'}</td>
                <td className="num">{r.basis === 'none' ? '—' : r.evidence.sources}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
