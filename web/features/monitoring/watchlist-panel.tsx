import { useQueries, useQuery } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { Sparkline } from '../../charts/sparkline.tsx';
import { fmtChange, fmtScore } from '../../lib/format.ts';
import { useWatchlist } from './use-watchlist.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { RegionSearch } from '../controls/region-search.tsx';
import { RegionLink } from './region-link.tsx';

/** Months shown in each watchlist sparkline. */
const SPARK_MONTHS = 12;

/** The user's saved regions with a sparkline of the last twelve months, this month's score and the change since last month. */
export function WatchlistPanel({ period, lens, scenario }: { period: string; lens: Lens; scenario: string }) {
  const watch = useWatchlist();
  const regions = useQuery(regionQueries.all());
  const names = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
  const series = useQueries({ queries: watch.codes.map((c) => scoreQueries.series(c, lens, scenario)) });
  return (
    <div className="watchlist">
      <RegionSearch label="Add a region" onPick={(r) => !watch.has(r.code) && watch.toggle(r.code)} />
      {watch.codes.length === 0 ? (
        <p className="empty">No saved regions yet. Add one here, or press “Watch” on a region’s profile.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Last 12 months</th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col" className="num">
                vs last month
              </th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {watch.codes.map((code, i) => {
              const q = series[i];
              const upTo = (q?.data ?? []).filter((p) => p.period <= period);
              const recent = upTo.slice(-SPARK_MONTHS);
              const now = upTo.at(-1)?.period === period ? upTo.at(-1) : undefined;
              const prev = now ? upTo.at(-2) : undefined;
              const cls = asClass(now?.class);
              const name = names.get(code) ?? code;
              const delta = now?.score != null && prev?.score != null ? now.score - prev.score : null;
              return (
                <tr key={code} data-region={code}>
                  <td>
                    <RegionLink code={code} period={period} lens={lens} scenario={scenario}>
                      {name}
                    </RegionLink>
                  </td>
                  <td>
                    {q?.isPending ? (
                      <span className="loading small">Loading…</span>
                    ) : q?.isError ? (
                      <span className="error small">Unavailable</span>
                    ) : recent.length === 0 ? (
                      <span className="muted small">No scores</span>
                    ) : (
                      <Sparkline
                        values={recent.map((p) => p.score)}
                        label={`${name}: scores of the last ${recent.length} months, latest ${fmtScore(recent.at(-1)?.score)}`}
                      />
                    )}
                  </td>
                  <td className="num">
                    <span className="swatch" style={{ background: CLASS_COLORS[cls] }} title={CLASS_LABELS[cls]} />{' '}
                    {now?.score != null ? fmtScore(now.score) : CLASS_LABELS[cls]}
                  </td>
                  <td className="num">{fmtChange(delta)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => watch.remove(code)}
                      aria-label={`Remove ${name} from the watchlist`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
