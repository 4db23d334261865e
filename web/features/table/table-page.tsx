import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { SCORE_CLASSES } from '../../../indicators/index.ts';
import type { ScoreClass } from '../../../indicators/index.ts';
import { CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { setParams } from '../../lib/router.ts';
import { LENS_LABELS, useViewState, type Level } from '../../lib/view-state.ts';
import { regionQueries } from '../../queries/regions.ts';
import { levelParam, scoreQueries } from '../../queries/scores.ts';
import { QueryStatus } from '../common/status.tsx';
import { MonthControl } from '../controls/month-control.tsx';
import { LensSelect, LevelSelect, ScenarioSelect } from '../controls/view-controls.tsx';
import {
  filterRows,
  pageOf,
  PAGE_SIZE,
  parseRankingView,
  rankingParams,
  sortRows,
  toggleSort,
  withCountries,
  type RankingView,
} from './ranking.ts';
import { RankingTable } from './ranking-table.tsx';
import './table.css';

/**
 * The ranking table (`/table`): every region of a level for one month, lens and weighting, with
 * score, class, change over 3 and 12 months, coverage, confidence and sources; sortable, filtered by
 * country, class and "own evidence only", paged, its whole view in the URL, and the level's scores
 * downloadable as CSV from the export route.
 */
export function TablePage() {
  const v = useViewState({ levelMode: 0 });
  const level: Level = v.levelMode === 1 ? 1 : 0;
  const view = parseRankingView(v.params);
  const setView = (next: RankingView) => setParams(rankingParams(next));
  const setFilter = (patch: Partial<RankingView>) => setView({ ...view, ...patch, page: 1 });

  const periods = useQuery(scoreQueries.periods());
  const list = periods.data ?? [];
  const period = v.period && list.includes(v.period) ? v.period : (list.at(-1) ?? null);
  const scores = useQuery({
    ...scoreQueries.map(period ?? '', v.lens, level, v.scenario),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
  const regions = useQuery(regionQueries.all());
  const { parents, names, countries } = useMemo(() => {
    const all = regions.data ?? [];
    const parents = new Map(all.map((r) => [r.code, r.parent]));
    const names = new Map(all.map((r) => [r.code, r.name]));
    const countries = all.filter((r) => r.level === 0).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    return { parents, names, countries };
  }, [regions.data]);
  const current = scores.data?.level === level ? scores.data : undefined;
  const all = useMemo(() => withCountries(current?.rows ?? [], parents, names), [current, parents, names]);
  const shown = useMemo(() => sortRows(filterRows(all, view), view.sort, view.dir), [all, view]);
  const page = pageOf(shown, view.page);
  const missing = shown.filter((r) => r.score === null).length;

  const what = `${level === 0 ? 'countries' : 'first-level regions'}`;
  const caption = `${LENS_LABELS[v.lens]} scores of ${what}, ${fmtPeriod(period)}, sorted by ${view.sort} (${view.dir === 'asc' ? 'ascending' : 'descending'})`;
  const csv = new URLSearchParams({
    ...(period ? { period } : {}),
    lens: v.lens,
    level: levelParam(level),
    scenario: v.scenario,
  });
  const first = (page.page - 1) * PAGE_SIZE;
  return (
    <>
      <section className="controls" aria-label="Table controls">
        <MonthControl periods={list} value={period} onChange={v.setPeriod} />
        <LensSelect value={v.lens} onChange={v.setLens} />
        <LevelSelect value={level} onChange={v.setLevelMode} allowAuto={false} />
        <ScenarioSelect value={v.scenario} onChange={v.setScenario} />
        {scores.isFetching && <span className="status">Updating…</span>}
      </section>
      <main className="page table-page">
        <h2 className="page-title">Ranking table</h2>
        <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Country
            <select
              value={view.country ?? ''}
              onChange={(e) => setFilter({ country: e.target.value || null })}
              disabled={!countries.length}
            >
              <option value="">All countries</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Class
            <select
              value={view.cls ?? ''}
              onChange={(e) => setFilter({ cls: (e.target.value || null) as ScoreClass | null })}
            >
              <option value="">All classes</option>
              {[...SCORE_CLASSES].reverse().map((c) => (
                <option key={c} value={c}>
                  {CLASS_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={view.ownOnly} onChange={(e) => setFilter({ ownOnly: e.target.checked })} />
            Own evidence only
          </label>
          <a className="download" href={`/api/export/scores.csv?${csv}`} download>
            Download CSV (all {what})
          </a>
        </form>
        <QueryStatus query={scores} what="scores">
          <p className="table-summary" role="status">
            {shown.length === 0
              ? 'No region matches these filters.'
              : `${first + 1}–${first + page.rows.length} of ${shown.length} ${what}` +
                (missing ? ` (${missing} without a score of their own: shown as missing, at the end)` : '')}
          </p>
          {shown.length > 0 && period && (
            <RankingTable
              rows={page.rows}
              sort={view.sort}
              dir={view.dir}
              onSort={(key) => setView(toggleSort(view, key))}
              showCountry={level !== 0}
              caption={caption}
              link={{ period, lens: v.lens, scenario: v.scenario }}
            />
          )}
          {page.pages > 1 && (
            <nav className="pager" aria-label="Table pages">
              <button type="button" disabled={page.page <= 1} onClick={() => setView({ ...view, page: page.page - 1 })}>
                ← Previous
              </button>
              <span>
                Page {page.page} of {page.pages}
              </span>
              <button
                type="button"
                disabled={page.page >= page.pages}
                onClick={() => setView({ ...view, page: page.page + 1 })}
              >
                Next →
              </button>
            </nav>
          )}
        </QueryStatus>
      </main>
    </>
  );
}
