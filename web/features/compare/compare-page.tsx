import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SidePanel } from '../common/sheet.tsx';
import { useMemo, useState } from 'react';
import { addMonths, type Lens } from '../../../indicators/index.ts';
import { CHANGE_MISSING, CHANGE_PALETTE } from '../../charts/change-colors.ts';
import { fmtChange, fmtNumber, fmtPeriod, fmtScore } from '../../lib/format.ts';
import { navigate, setParams } from '../../lib/router.ts';
import {
  LENS_LABELS,
  parseViewState,
  useViewState,
  viewParams,
  type Level,
  type MapView,
} from '../../lib/view-state.ts';
import { boundaryQueries, tilesMonth } from '../../queries/boundaries.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scenarioQueries } from '../../queries/scenarios.ts';
import { districtCountries } from '../map/districts.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { QueryStatus } from '../common/status.tsx';
import { MonthControl } from '../controls/month-control.tsx';
import { resolveRange } from '../controls/month-range.ts';
import { MonthRangeControl } from '../controls/month-range-control.tsx';
import { LensSelect, LevelSelect } from '../controls/view-controls.tsx';
import { ExportMenu } from '../export/export-menu.tsx';
import { ChangeLegend } from '../map/map-legend.tsx';
import { RiskMap, type MapColouring, type MapHover } from '../map/risk-map.tsx';
import {
  changeSummary,
  changesByCode,
  compareScores,
  largestChanges,
  notComparableChanges,
  scenarioChanges,
  type Change,
} from './change.ts';
import { ChangeTable, NotComparableList } from './change-table.tsx';
import { t, tOr } from '../../i18n/messages.ts';

/**
 * Two-period comparison (`/compare?from=&to=`): a map of the change in score between two months on
 * a diverging colour-blind-safe scale, and the largest changes. The two months are the ends of the
 * shared month range, so a link whose months lack data, or run backwards, is clamped and put in order,
 * and the page says so. With `mode=scenario` it compares a
 * weighting scenario with the baseline in one month instead: which regions move, and by how much.
 */
export function ComparePage() {
  const v = useViewState({ levelMode: 0 });
  const regions = useQuery(regionQueries.all());
  const withDistricts = useMemo(() => districtCountries(regions.data ?? []), [regions.data]);
  // Districts (`level=2`), where a boundary set has them.
  const level: Level | 2 = v.params.get('level') === '2' && withDistricts.length > 0 ? 2 : v.levelMode === 1 ? 1 : 0;
  const mapLevel: Level = level === 2 ? 1 : level;
  const mode = v.params.get('mode') === 'scenario' ? 'scenario' : 'periods';
  const periods = useQuery(scoreQueries.periods());
  const list = periods.data ?? [];
  const last = list.at(-1) ?? null;
  const range = resolveRange({ from: v.params.get('from'), to: v.params.get('to') }, list, {
    to: pick(v.period, list) ?? last ?? '',
    from: (end) => addMonths(end, -12),
  });
  const to = range?.to ?? null;
  const from = range?.from ?? null;
  const scenarios = useQuery(scenarioQueries.list());
  const others = (scenarios.data ?? []).filter((s) => !s.baseline && s.id !== 'baseline');
  const scenario = v.scenario !== 'baseline' ? v.scenario : (others[0]?.id ?? 'baseline');

  const { beforeQ, afterQ, scenarioQ, ready, changes } = useChanges(mode, from, to, scenario, v.lens, level, true);
  // At district level the map draws the first-level regions' changes, and the districts' over them once zoomed in.
  const regionChanges = useChanges(mode, from, to, scenario, v.lens, 1, level === 2);
  const afterQuery = mode === 'periods' ? afterQ : scenarioQ;
  const byCode = useMemo(
    () => changesByCode(changes, level === 2 ? regionChanges.changes : []),
    [changes, level, regionChanges.changes],
  );
  const top = useMemo(() => largestChanges(changes, 20), [changes]);
  const apart = useMemo(() => notComparableChanges(changes), [changes]);
  const summary = changeSummary(changes);
  const rows = useMemo(() => changes.map((c) => ({ code: c.region, category: c.bin, score: c.delta })), [changes]);
  // The key tells the map whether these colours are already applied, so a new object each render costs nothing.
  const key = (l: Level | 2) =>
    mode === 'periods' ? `periods|${from}|${to}|${v.lens}|${l}` : `scenario|${to}|${scenario}|${v.lens}|${l}`;
  const regionRows = useMemo(
    () => regionChanges.changes.map((c) => ({ code: c.region, category: c.bin, score: c.delta })),
    [regionChanges.changes],
  );
  const colouring: MapColouring | undefined =
    level === 2
      ? regionChanges.ready
        ? { level: 1, key: key(1), rows: regionRows }
        : undefined
      : ready
        ? { level, key: key(level), rows }
        : undefined;
  // The districts drawn are those in force in the later month.
  const boundarySets = useQuery({ ...boundaryQueries.sets(), enabled: level === 2 });
  const districts =
    level === 2 && ready && (boundarySets.data || boundarySets.isError)
      ? { key: key(2), rows, tilesMonth: boundarySets.data ? tilesMonth(boundarySets.data, 2, to) : to }
      : null;
  const [hover, setHover] = useState<MapHover | null>(null);
  const [initialView] = useState<MapView | null>(
    () => parseViewState(new URLSearchParams(window.location.search)).view,
  );

  const scenarioName = tOr(`scenario.${scenario}`, others.find((s) => s.id === scenario)?.label ?? scenario);
  const beforeLabel = mode === 'periods' ? fmtPeriod(from) : t('scenario.baseline');
  const afterLabel = mode === 'periods' ? fmtPeriod(to) : scenarioName;
  const title =
    mode === 'periods'
      ? t('compare.titlePeriods', { from: fmtPeriod(from), to: fmtPeriod(to), lens: LENS_LABELS[v.lens] })
      : t('compare.titleScenario', { scenario: afterLabel, period: fmtPeriod(to), lens: LENS_LABELS[v.lens] });
  return (
    <>
      <section className="controls" aria-label={t('compare.controls')}>
        <fieldset className="mode">
          <legend className="sr-only">{t('compare.mode')}</legend>
          <label>
            <input
              type="radio"
              name="compare-mode"
              checked={mode === 'periods'}
              onChange={() => setParams({ mode: null })}
            />{' '}
            {t('compare.twoMonths')}
          </label>
          <label title={others.length ? undefined : t('compare.noScenario')}>
            <input
              type="radio"
              name="compare-mode"
              checked={mode === 'scenario'}
              disabled={!others.length}
              onChange={() => setParams({ mode: 'scenario' })}
            />{' '}
            {t('compare.scenarioMode')}
          </label>
        </fieldset>
        {mode === 'periods' ? (
          <MonthRangeControl
            label={t('compare.months')}
            periods={list}
            range={range}
            notes={range?.notes}
            onChange={v.setRange}
          />
        ) : (
          <MonthControl
            periods={list}
            value={to}
            onChange={(p) => v.setRange({ from: from && from <= p ? from : p, to: p })}
          />
        )}
        {mode === 'scenario' && (
          <label>
            {t('compare.scenario')}
            <select value={scenario} onChange={(e) => setParams({ scenario: e.target.value })}>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {tOr(`scenario.${s.id}`, s.label)}
                </option>
              ))}
            </select>
          </label>
        )}
        <LensSelect value={v.lens} onChange={v.setLens} />
        <LevelSelect
          value={level}
          onChange={v.setLevelMode}
          allowAuto={false}
          onDistricts={withDistricts.length > 0 ? () => setParams({ level: '2' }) : null}
        />
        {level === 2 && (
          <span className="hint level-note" data-testid="districts-note">
            {t('map.districtsIn', {
              countries: withDistricts.map((c) => regions.data?.find((r) => r.code === c)?.name ?? c).join(', '),
            })}
          </span>
        )}
        {(beforeQ.isFetching || afterQuery.isFetching) && <span className="status">{t('map.updating')}</span>}
        <ExportMenu
          lens={v.lens}
          level={level}
          scenario="baseline"
          period={from && to ? to : null}
          compare={from && to ? { mode, from, to, scenario, scenarioLabel: afterLabel } : null}
        />
      </section>
      <main className="content">
        <div className="map-area">
          <RiskMap
            level={mapLevel}
            palette={CHANGE_PALETTE}
            fallback={CHANGE_MISSING.color}
            colouring={colouring}
            selected={null}
            initialView={initialView}
            onSelect={(c) => c && navigate(`/region?region=${encodeURIComponent(c)}&period=${to}&lens=${v.lens}`)}
            onHover={setHover}
            onViewChange={(view) => setParams(viewParams(view))}
            label={t('compare.mapLabel', { title })}
            districts={districts}
          />
          <ChangeLegend
            title={title}
            note={
              mode === 'scenario' && scenarioQ.data?.summary
                ? scenarioNote(scenarioQ.data.summary)
                : t('compare.notePeriods', summary)
            }
          />
          {hover && (
            <div className="tooltip" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
              <strong>{hover.name}</strong>
              <br />
              {hoverText(byCode.get(hover.code))}
            </div>
          )}
        </div>
        <SidePanel label={t('compare.largest')}>
          <h2>{t('compare.largest')}</h2>
          <p className="muted small">{title}</p>
          <QueryStatus
            query={beforeQ.isError ? beforeQ : afterQuery}
            what={mode === 'periods' ? t('monitor.theScores') : t('compare.theComparison')}
          >
            {mode === 'scenario' && others.length === 0 ? (
              <p className="empty">{t('compare.noScenarioHere')}</p>
            ) : ready ? (
              <>
                <ChangeTable
                  changes={top}
                  beforeLabel={beforeLabel}
                  afterLabel={afterLabel}
                  period={to ?? ''}
                  lens={v.lens}
                  scenario={mode === 'scenario' ? scenario : 'baseline'}
                />
                {mode === 'periods' && (
                  <NotComparableList
                    changes={apart}
                    beforeLabel={beforeLabel}
                    afterLabel={afterLabel}
                    period={to ?? ''}
                    lens={v.lens}
                  />
                )}
              </>
            ) : (
              <p className="loading">{t('profile.loading')}</p>
            )}
          </QueryStatus>
        </SidePanel>
      </main>
    </>
  );
}

/**
 * The changes of one level between the two months (`periods`), or between the baseline and
 * `scenario` in `to`, once both sides are here (`ready`); nothing is fetched unless `enabled`.
 */
function useChanges(
  mode: 'periods' | 'scenario',
  from: string | null,
  to: string | null,
  scenario: string,
  lens: Lens,
  level: Level | 2,
  enabled: boolean,
) {
  const beforeQ = useQuery({
    ...scoreQueries.map(mode === 'periods' ? (from ?? '') : (to ?? ''), lens, level, 'baseline'),
    enabled: enabled && Boolean(from && to),
    placeholderData: keepPreviousData,
  });
  const afterQ = useQuery({
    ...scoreQueries.map(to ?? '', lens, level, 'baseline'),
    enabled: enabled && Boolean(to) && mode === 'periods',
    placeholderData: keepPreviousData,
  });
  const scenarioQ = useQuery({
    ...scenarioQueries.compare(scenario, to ?? '', lens, level),
    enabled: enabled && Boolean(to) && mode === 'scenario' && scenario !== 'baseline',
    placeholderData: keepPreviousData,
  });
  const base = beforeQ.data?.level === level ? beforeQ.data : undefined;
  const after = afterQ.data?.level === level ? afterQ.data : undefined;
  const moves = scenarioQ.data?.level === level ? scenarioQ.data.moves : undefined;
  const ready = enabled && Boolean(base && (mode === 'periods' ? after : moves));
  const changes = useMemo(
    () =>
      !enabled || !base
        ? []
        : mode === 'periods'
          ? after
            ? compareScores(base.rows, after.rows)
            : []
          : moves
            ? scenarioChanges(moves, base.rows)
            : [],
    [enabled, mode, base, after, moves],
  );
  return { beforeQ, afterQ, scenarioQ, ready, changes };
}

/** The legend's line on a scenario comparison: how many regions move, and how many change class. */
function scenarioNote(s: { moved: number; regions: number; threshold: number; classChanges: number }): string {
  const { moved, regions, classChanges } = s;
  return t('compare.noteScenario', { moved, regions, classChanges, threshold: fmtNumber(s.threshold) });
}

/** The map tooltip's line for a region: both scores and the change, or why they cannot be compared. */
function hoverText(c: Change | undefined): string {
  if (!c) return t('compare.noScore');
  const change = c.notComparable ? t('compare.hoverNotComparable', { why: c.notComparable }) : fmtChange(c.delta);
  return t('compare.hover', { before: fmtScore(c.before), after: fmtScore(c.after), change });
}

function pick(p: string | null, list: readonly string[]): string | null {
  return p && list.includes(p) ? p : null;
}
