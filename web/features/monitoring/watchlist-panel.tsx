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
import { t } from '../../i18n/messages.ts';

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
      <RegionSearch label={t('watch.add')} onPick={(r) => !watch.has(r.code) && watch.toggle(r.code)} />
      {watch.codes.length === 0 ? (
        <p className="empty">{t('watch.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('region.search')}</th>
              <th scope="col">{t('watch.last12')}</th>
              <th scope="col" className="num">
                {t('monitor.now')}
              </th>
              <th scope="col" className="num">
                {t('watch.vsLast')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('watch.remove')}</span>
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
                      <span className="loading small">{t('profile.loading')}</span>
                    ) : q?.isError ? (
                      <span className="error small">{t('watch.unavailable')}</span>
                    ) : recent.length === 0 ? (
                      <span className="muted small">{t('watch.noScores')}</span>
                    ) : (
                      <Sparkline
                        values={recent.map((p) => p.score)}
                        label={t('watch.sparkline', {
                          name,
                          count: recent.length,
                          latest: fmtScore(recent.at(-1)?.score),
                        })}
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
                      aria-label={t('watch.removeName', { name })}
                    >
                      {t('watch.remove')}
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
