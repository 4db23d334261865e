import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { SCORE_CLASSES } from '../../../indicators/index.ts';
import type { ScoreClass } from '../../../indicators/index.ts';
import { CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { setParams } from '../../lib/router.ts';
import { LENS_LABELS, useViewState, type Level } from '../../lib/view-state.ts';
import { regionQueries } from '../../queries/regions.ts';
import { downloadLang } from '../../queries/exports.ts';
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
import { columnLabel, RankingTable } from './ranking-table.tsx';
import { t } from '../../i18n/messages.ts';
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

  const what = level === 0 ? 'country' : 'region';
  const caption = t('table.caption', {
    lens: LENS_LABELS[v.lens],
    level: what,
    period: fmtPeriod(period),
    sort: columnLabel(view.sort),
    dir: view.dir,
  });
  const csv = new URLSearchParams({
    ...(period ? { period } : {}),
    lens: v.lens,
    level: levelParam(level),
    scenario: v.scenario,
    ...downloadLang(),
  });
  const first = (page.page - 1) * PAGE_SIZE;
  return (
    <>
      <section className="controls" aria-label={t('table.controls')}>
        <MonthControl periods={list} value={period} onChange={v.setPeriod} />
        <LensSelect value={v.lens} onChange={v.setLens} />
        <LevelSelect value={level} onChange={v.setLevelMode} allowAuto={false} />
        <ScenarioSelect value={v.scenario} onChange={v.setScenario} />
        {scores.isFetching && <span className="status">{t('map.updating')}</span>}
      </section>
      <main className="page table-page">
        <h2 className="page-title">{t('table.title')}</h2>
        <form className="filters" aria-label={t('table.filters')} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('table.country')}
            <select
              value={view.country ?? ''}
              onChange={(e) => setFilter({ country: e.target.value || null })}
              disabled={!countries.length}
            >
              <option value="">{t('table.allCountries')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('table.class')}
            <select
              value={view.cls ?? ''}
              onChange={(e) => setFilter({ cls: (e.target.value || null) as ScoreClass | null })}
            >
              <option value="">{t('table.allClasses')}</option>
              {[...SCORE_CLASSES].reverse().map((c) => (
                <option key={c} value={c}>
                  {CLASS_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={view.ownOnly} onChange={(e) => setFilter({ ownOnly: e.target.checked })} />
            {t('table.ownOnly')}
          </label>
          <a className="download" href={`/api/export/scores.csv?${csv}`} download>
            {t('table.download', { level: what })}
          </a>
        </form>
        <QueryStatus query={scores} what={t('monitor.theScores')}>
          <p className="table-summary" role="status">
            {shown.length === 0
              ? t('table.none')
              : t('table.shown', {
                  first: first + 1,
                  last: first + page.rows.length,
                  total: shown.length,
                  level: what,
                }) + (missing ? ` ${t('table.missing', { missing })}` : '')}
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
            <nav className="pager" aria-label={t('table.pages')}>
              <button type="button" disabled={page.page <= 1} onClick={() => setView({ ...view, page: page.page - 1 })}>
                {t('pager.previous')}
              </button>
              <span>{t('table.page', { page: page.page, pages: page.pages })}</span>
              <button
                type="button"
                disabled={page.page >= page.pages}
                onClick={() => setView({ ...view, page: page.page + 1 })}
              >
                {t('pager.next')}
              </button>
            </nav>
          )}
        </QueryStatus>
      </main>
    </>
  );
}
