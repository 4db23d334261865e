import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { MAP_COLORS, mapMark } from '../../charts/evidence-marks.ts';
import type { PatternKind } from '../../charts/patterns.ts';
import { CLASS_COLORS } from '../../charts/risk-colors.ts';
import { fmtPeriod, fmtScore } from '../../lib/format.ts';
import { navigate, setParams } from '../../lib/router.ts';
import {
  effectiveLevel,
  LENS_LABELS,
  levelOfCode,
  useViewState,
  viewParams,
  type Level,
  type MapView,
} from '../../lib/view-state.ts';
import { boundaryQueries, tilesMonth } from '../../queries/boundaries.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { MonthControl } from '../controls/month-control.tsx';
import { LensSelect, LevelSelect, ScenarioSelect } from '../controls/view-controls.tsx';
import { RegionSearch } from '../controls/region-search.tsx';
import { ExportMenu } from '../export/export-menu.tsx';
import { SidePanel } from '../common/sheet.tsx';
import { HotspotList } from '../hotspots/hotspot-list.tsx';
import { topHotspots } from '../hotspots/hotspots.ts';
import { RegionProfileView } from '../region-profile/region-profile.tsx';
import type { MapLabel } from './map-labels.tsx';
import { MapLegend } from './map-legend.tsx';
import { MapTooltip } from './map-tooltip.tsx';
import { RiskMap, type MapColouring, type MapHover } from './risk-map.tsx';
import { DISTRICT_ZOOM } from './map-layers.ts';
import { districtCountries } from './districts.ts';
import type { Lens } from '../../../indicators/index.ts';
import { t } from '../../i18n/messages.ts';

export { LENS_LABELS } from '../../lib/view-state.ts';

/** Hotspots labelled on the map, and listed beside it. */
const MAP_HOTSPOTS = 5;
const LIST_HOTSPOTS = 10;

/**
 * The hotspot map: lens, level, weighting and month controls; the map coloured by class with its
 * legend, hotspot outlines and labels; the hotspot list, or the selected region's profile, beside it.
 * All of the view (region, month, lens, level, weighting, zoom and centre) lives in the URL.
 */
export function MapPage() {
  const v = useViewState();
  const [zoom, setZoom] = useState(v.view?.zoom ?? 1.4);
  const level = effectiveLevel(v.levelMode, zoom);
  const [hover, setHover] = useState<MapHover | null>(null);
  const [focus, setFocus] = useState<{ code: string; level: Level; seq: number; minZoom?: number } | null>(() =>
    v.region && !v.view ? { code: v.region, level: levelOfCode(v.region), seq: 0 } : null,
  );

  const periods = useQuery(scoreQueries.periods());
  const periodList = periods.data ?? [];
  const period = v.period && periodList.includes(v.period) ? v.period : (periodList.at(-1) ?? null);
  const scores = useQuery({
    ...scoreQueries.mapCompact(period ?? '', v.lens, level, v.scenario),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
  const regions = useQuery(regionQueries.all());
  const names = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data]);
  const current = useMemo(
    () =>
      scores.data && scores.data.level === level
        ? scores.data.rows.map((r) => ({ ...r, name: names.get(r.region) ?? r.region }))
        : undefined,
    [scores.data, level, names],
  );
  usePrefetchNeighbours(
    periodList,
    scores.isSuccess && !scores.isPlaceholderData ? period : null,
    v.lens,
    level,
    v.scenario,
  );
  // Districts (admin-2 of user boundary sets) over the first-level regions once zoomed in, where a country has them.
  const withDistricts = useMemo(() => districtCountries(regions.data ?? []), [regions.data]);
  const districtsWanted = level === 1 && zoom >= DISTRICT_ZOOM - 0.5 && withDistricts.length > 0;
  const districtScores = useQuery({
    ...scoreQueries.mapCompact(period ?? '', v.lens, 2, v.scenario),
    enabled: period !== null && districtsWanted,
    placeholderData: keepPreviousData,
  });
  // The districts drawn are those in force in the month shown (a later version may have retired some).
  const boundarySets = useQuery({ ...boundaryQueries.sets(), enabled: districtsWanted });
  const districtColouring = useMemo(
    () =>
      districtsWanted && districtScores.data && (boundarySets.data || boundarySets.isError)
        ? {
            key: `${districtScores.data.period}|${districtScores.data.lens}|2|${districtScores.data.scenario}`,
            rows: districtScores.data.rows.map((r) => ({ code: r.region, score: r.score, ...mapMark(r) })),
            // The sets' list needs an account: without it, the month itself (the server picks the sets
            // in force; the tiles are then asked again each month).
            tilesMonth: boundarySets.data
              ? tilesMonth(boundarySets.data, 2, districtScores.data.period)
              : districtScores.data.period,
          }
        : null,
    [districtsWanted, districtScores.data, boundarySets.data, boundarySets.isError],
  );
  const byCode = useMemo(
    () =>
      new Map(
        [
          ...(districtsWanted ? (districtScores.data?.rows ?? []) : []).map((r) => ({
            ...r,
            name: names.get(r.region) ?? r.region,
          })),
          ...(current ?? []),
        ].map((s) => [s.region, s]),
      ),
    [current, districtsWanted, districtScores.data, names],
  );

  const colouring = useMemo<MapColouring | undefined>(
    () =>
      scores.data && scores.data.level !== 2
        ? {
            level: scores.data.level,
            key: `${scores.data.period}|${scores.data.lens}|${scores.data.level}|${scores.data.scenario}`,
            rows: scores.data.rows.map((r) => ({ code: r.region, score: r.score, ...mapMark(r) })),
          }
        : undefined,
    [scores.data],
  );
  const hotspots = useMemo(() => topHotspots(current ?? [], LIST_HOTSPOTS, names), [current, names]);
  // At district level (districts drawn), their own hotspots are listed too, and exports are of districts.
  const districtHotspots = useMemo(
    () =>
      districtColouring && districtScores.data
        ? topHotspots(
            districtScores.data.rows.map((r) => ({ ...r, name: names.get(r.region) ?? r.region })),
            LIST_HOTSPOTS,
            names,
          )
        : null,
    [districtColouring, districtScores.data, names],
  );
  const parents = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.parent])), [regions.data]);
  const highlighted = useMemo(() => hotspots.slice(0, MAP_HOTSPOTS).map((h) => h.region), [hotspots]);
  const labels = useMemo<MapLabel[]>(() => {
    const out: MapLabel[] = hotspots
      .slice(0, MAP_HOTSPOTS)
      .map((h) => ({ code: h.region, level, text: h.name, detail: fmtScore(h.score), rank: h.rank, kind: 'hotspot' }));
    const sel = v.region ? byCode.get(v.region) : undefined;
    if (sel && !highlighted.includes(sel.region))
      out.unshift({ code: sel.region, level, text: sel.name, detail: fmtScore(sel.score), kind: 'selected' });
    return out;
  }, [hotspots, highlighted, level, v.region, byCode]);

  // Choosing a region from a list (hotspots, search, neighbours) or going back to the list moves the
  // keyboard focus to the panel's heading, since the button that was pressed is replaced. A positive
  // value asks for it; a click on the map turns it negative, so the panel opening then leaves focus alone.
  const [headingFocus, setHeadingFocus] = useState(0);
  const select = useCallback(
    (
      code: string | null,
      opts: { fly?: boolean; level?: Level; focusPanel?: boolean; flyTo?: string; minZoom?: number } = {},
    ) => {
      setParams({ region: code });
      const to = opts.flyTo ?? code;
      if (to && opts.fly)
        setFocus((f) => ({
          code: to,
          level: opts.level ?? levelOfCode(to),
          seq: (f?.seq ?? 0) + 1,
          ...(opts.minZoom ? { minZoom: opts.minZoom } : {}),
        }));
      setHeadingFocus((n) => (opts.focusPanel ? Math.abs(n) + 1 : -Math.abs(n)));
    },
    [setFocus],
  );
  const onViewChange = useCallback((view: MapView) => {
    setZoom(view.zoom);
    setParams(viewParams(view));
  }, []);

  // Textures the legend explains: conditions only exist in the trafficking lens, country-level-only regions below countries.
  const marks: PatternKind[] = [
    ...(v.lens === 'tip' ? ['conditions' as const] : []),
    ...(level === 1 ? ['country' as const] : []),
  ];
  // The legend's footer names what is drawn: districts over the regions once they are coloured.
  const legendNote =
    level === 0
      ? t('map.noteCountries')
      : districtColouring
        ? t('map.noteDistricts', { countries: withDistricts.map((c) => names.get(c) ?? c).join(', ') })
        : t('map.noteRegions');
  const title =
    v.scenario !== 'baseline'
      ? t('map.titleScenario', { lens: LENS_LABELS[v.lens], period: fmtPeriod(period), scenario: v.scenario })
      : t('map.title', { lens: LENS_LABELS[v.lens], period: fmtPeriod(period) });
  return (
    <>
      <section className="controls" aria-label={t('map.controls')}>
        <RegionSearch
          onPick={(r) => {
            if (r.level >= 1 && v.levelMode === 0) setParams({ level: 'auto' });
            // A district: fly to its first-level region, close enough for the districts to be drawn.
            if (r.level === 2 && r.parent)
              select(r.code, { fly: true, level: 1, flyTo: r.parent, minZoom: DISTRICT_ZOOM + 0.5, focusPanel: true });
            else select(r.code, { fly: true, level: r.level === 0 ? 0 : 1, focusPanel: true });
          }}
        />
        <LensSelect value={v.lens} onChange={v.setLens} />
        <LevelSelect value={v.levelMode} onChange={v.setLevelMode} />
        {withDistricts.length > 0 && (
          <span className="hint level-note" data-testid="districts-note">
            {t('map.districtsIn', { countries: withDistricts.map((c) => names.get(c) ?? c).join(', ') })}
          </span>
        )}
        <ScenarioSelect value={v.scenario} onChange={v.setScenario} />
        <MonthControl periods={periodList} value={period} onChange={v.setPeriod} busy={scores.isFetching} play />
        <span className="status" role="status">
          {scores.isFetching ? t('map.updating') : ''}
        </span>
        {scores.isError && (
          <span className="status error">{t('map.scoresUnavailable', { message: scores.error.message })}</span>
        )}
        {periods.isError && (
          <span className="status error">{t('map.monthsUnavailable', { message: periods.error.message })}</span>
        )}
        <ExportMenu
          lens={v.lens}
          level={districtColouring ? 2 : level}
          scenario={v.scenario}
          period={period}
          region={v.region}
        />
      </section>
      <main className="content">
        <div className="map-area">
          <RiskMap
            level={level}
            palette={MAP_COLORS}
            fallback={CLASS_COLORS['no-data']}
            colouring={colouring}
            selected={v.region}
            highlighted={highlighted}
            labels={labels}
            initialView={v.view}
            focus={focus}
            onSelect={(code) => select(code)}
            onHover={setHover}
            onViewChange={onViewChange}
            label={t('map.label', { title })}
            dataError={scores.isError && !scores.data ? t('map.scoresFailed', { message: scores.error.message }) : null}
            onRetry={() => {
              if (periods.isError) void periods.refetch();
              if (scores.isError) void scores.refetch();
            }}
            districts={districtColouring}
          />
          <MapLegend title={title} marks={marks} note={legendNote} />
          {periods.isSuccess && periodList.length === 0 && <p className="map-status">{t('map.noMonths')}</p>}
          {hover && (
            <MapTooltip {...hover} score={byCode.get(hover.code)} period={period} lens={v.lens} scenario={v.scenario} />
          )}
        </div>
        <SidePanel label={v.region ? t('map.selectedRegion') : t('map.hotspots')} openKey={v.region}>
          {v.region && period ? (
            <>
              <div className="panel-actions">
                <button type="button" className="link" onClick={() => select(null, { focusPanel: true })}>
                  {t('map.backToHotspots')}
                </button>
                <a
                  href={`/region?region=${encodeURIComponent(v.region)}&period=${period}&lens=${v.lens}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(
                      `/region?region=${encodeURIComponent(v.region!)}&period=${period}&lens=${v.lens}${v.scenario !== 'baseline' ? `&scenario=${v.scenario}` : ''}`,
                    );
                  }}
                >
                  {t('map.fullProfile')}
                </a>
              </div>
              <RegionProfileView
                code={v.region}
                period={period}
                lens={v.lens}
                scenario={v.scenario}
                variant="panel"
                onSelectRegion={(c) => select(c, { fly: true, focusPanel: true })}
                focusKey={headingFocus}
              />
            </>
          ) : (
            <>
              <HotspotList
                hotspots={hotspots}
                title={t('map.hotspotsTitle', { period: fmtPeriod(period) })}
                onSelect={(c) => select(c, { fly: true, level, focusPanel: true })}
                focusKey={headingFocus}
                selected={v.region}
              />
              {districtHotspots && (
                <HotspotList
                  id="district-hotspots-title"
                  hotspots={districtHotspots}
                  title={t('map.districtHotspotsTitle', { period: fmtPeriod(period) })}
                  onSelect={(c) => {
                    const up = parents.get(c);
                    // As from the search: fly to its first-level region, close enough for the districts.
                    if (up)
                      select(c, { fly: true, level: 1, flyTo: up, minZoom: DISTRICT_ZOOM + 0.5, focusPanel: true });
                    else select(c, { focusPanel: true });
                  }}
                  selected={v.region}
                />
              )}
              <p className="hint">{t('map.hint')}</p>
            </>
          )}
        </SidePanel>
      </main>
    </>
  );
}

/**
 * Once a month's scores are here, fetches the months either side in the background (the slider and
 * "play" step one month at a time), so that a step recolours the map from memory instead of waiting
 * for the network. Waits for the browser to be idle, so the current month is drawn first.
 */
function usePrefetchNeighbours(
  periods: readonly string[],
  period: string | null,
  lens: Lens,
  level: Level,
  scenario: string,
) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!period) return;
    const i = periods.indexOf(period);
    const near = [periods[i + 1], periods[i - 1]].filter((p): p is string => Boolean(p));
    const run = () => near.forEach((p) => void qc.prefetchQuery(scoreQueries.mapCompact(p, lens, level, scenario)));
    const idle = window.requestIdleCallback?.(run, { timeout: 500 }) ?? window.setTimeout(run, 50);
    return () => (window.cancelIdleCallback ? window.cancelIdleCallback(idle) : window.clearTimeout(idle));
  }, [qc, periods, period, lens, level, scenario]);
}
