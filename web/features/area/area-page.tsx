import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n/messages.ts';
import { navigate, setParams } from '../../lib/router.ts';
import { useViewState } from '../../lib/view-state.ts';
import { accountQueries } from '../../queries/account.ts';
import { areaQueries, useDeleteArea, useSaveArea } from '../../queries/areas.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { recentRange } from '../controls/month-range.ts';
import { MonthRangeControl } from '../controls/month-range-control.tsx';
import { AreaMap, type AreaMode } from './area-map.tsx';
import { areaParamPatch, areaRequest, readAreaParams, savedAreaParams } from './area-params.ts';
import {
  AreaDataGaps,
  AreaDrivers,
  AreaForms,
  AreaKeyFigures,
  AreaMonitoringGaps,
  AreaRegions,
  AreaSources,
} from './area-sections.tsx';
import './area.css';

/**
 * The area of interest page (`/area?regions=…|poly=…&from=&to=&name=`): a planner picks regions
 * on the map or draws a polygon, chooses months, and reads the area's profile (regions by area
 * share, their classes month by month, forms, drivers, coverage and the gaps to close at
 * deployment). A signed-in person saves it with their account and reopens it later; the area
 * brief prints it on two pages. Everything about the area lives in the link, so it can be shared.
 */
export function AreaPage() {
  const v = useViewState({ lens: 'tip' });
  const a = readAreaParams(v.params);
  const [mode, setMode] = useState<AreaMode>('select');
  const [drawing, setDrawing] = useState<[number, number][] | null>(null);
  const periods = useQuery(scoreQueries.periods()).data ?? [];
  const me = useQuery(accountQueries.me()).data?.user ?? null;
  const saved = useQuery({ ...areaQueries.saved(), enabled: me !== null });
  const save = useSaveArea();
  const remove = useDeleteArea();
  const request = mode === 'draw' ? null : areaRequest(a, v.lens);
  const profile = useQuery({ ...areaQueries.profile(request!), enabled: request !== null });
  const range =
    a.from && a.to
      ? { from: a.from, to: a.to }
      : ((profile.data && { from: profile.data.area.from, to: profile.data.area.to }) ??
        recentRange(periods, 12, null));
  const ring = drawing ?? a.ring;

  const toggle = (code: string) => {
    const next = a.regions.includes(code) ? a.regions.filter((c) => c !== code) : [...a.regions, code];
    setParams(areaParamPatch({ regions: next, ring: [] }));
  };
  const startDrawing = () => {
    setMode('draw');
    setDrawing([]);
    setParams(areaParamPatch({ regions: [], ring: [] }));
  };
  const finishDrawing = () => {
    if (drawing && drawing.length >= 3) setParams(areaParamPatch({ ring: drawing }));
    setDrawing(null);
    setMode('select');
  };
  const clear = () => {
    setDrawing(mode === 'draw' ? [] : null);
    setParams(areaParamPatch({ regions: [], ring: [] }));
  };
  const briefLink = `/area-brief${window.location.search}`;

  return (
    <main className="area-page">
      <section className="area-controls" aria-label={t('area.title')}>
        <h2>{t('area.title')}</h2>
        <p className="area-intro">{t('area.intro')}</p>
        <div className="area-modes" role="group" aria-label={t('area.how')}>
          <button
            type="button"
            aria-pressed={mode === 'select'}
            onClick={() => (mode === 'draw' ? finishDrawing() : setMode('select'))}
          >
            {t('area.selectRegions')}
          </button>
          {mode === 'draw' ? (
            <button
              type="button"
              className="area-primary"
              onClick={finishDrawing}
              disabled={(drawing?.length ?? 0) < 3}
            >
              {t('area.finish', { n: drawing?.length ?? 0 })}
            </button>
          ) : (
            <button type="button" onClick={startDrawing}>
              {t('area.draw')}
            </button>
          )}
          <button type="button" onClick={clear}>
            {t('area.clear')}
          </button>
        </div>
        <p className="area-status" role="status">
          {mode === 'draw'
            ? t('area.drawHint')
            : a.ring.length >= 3
              ? t('area.drawn', { n: a.ring.length })
              : a.regions.length
                ? t('area.picked', { list: a.regions.join(', ') })
                : t('area.nothing')}
        </p>
        <label className="area-name">
          {t('area.name')}
          <input
            type="text"
            value={a.name}
            maxLength={200}
            onChange={(e) => setParams(areaParamPatch({ name: e.target.value }))}
          />
        </label>
        <MonthRangeControl
          label={t('area.months')}
          periods={periods}
          range={range}
          onChange={(r) => setParams(areaParamPatch({ from: r.from, to: r.to }))}
          compact
        />
        {request && (
          <div className="area-actions">
            <a
              href={briefLink}
              onClick={(e) => {
                e.preventDefault();
                navigate(briefLink);
              }}
            >
              {t('area.openBrief')}
            </a>
            {me && (
              <button
                type="button"
                disabled={save.isPending}
                onClick={() => save.mutate({ ...request, name: a.name || t('area.untitled') })}
              >
                {t('area.save')}
              </button>
            )}
          </div>
        )}
        {save.isError && <p role="alert">{save.error.message}</p>}
        {save.isSuccess && <p role="status">{t('area.savedAs', { name: save.data.name })}</p>}
        {me && (saved.data?.length ?? 0) > 0 && (
          <section className="area-saved" aria-label={t('area.savedAreas')}>
            <h3>{t('area.savedAreas')}</h3>
            <ul>
              {saved.data!.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="area-link"
                    onClick={() => setParams(savedAreaParams(s), { replace: false })}
                  >
                    {s.name}
                  </button>
                  <button
                    type="button"
                    className="area-delete"
                    onClick={() => remove.mutate(s.id)}
                    aria-label={t('area.deleteNamed', { name: s.name })}
                  >
                    {t('area.delete')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
      <AreaMap
        mode={mode}
        picked={a.ring.length >= 3 ? [] : a.regions}
        ring={ring}
        onToggle={toggle}
        onVertex={(p) => setDrawing((d) => [...(d ?? []), p])}
      />
      <section className="area-profile" aria-label={t('area.profile')} data-testid="area-profile">
        {!request ? null : profile.isPending ? (
          <p role="status">{t('area.preparing')}</p>
        ) : profile.isError ? (
          <p role="alert">{t('area.failed', { message: profile.error.message })}</p>
        ) : (
          <>
            <h2>{profile.data.area.name}</h2>
            <AreaKeyFigures p={profile.data} />
            <h3>{t('area.regions')}</h3>
            <AreaRegions p={profile.data} />
            <h3>{t('area.monitoringGaps')}</h3>
            <AreaMonitoringGaps p={profile.data} />
            <h3>{t('profile.forms')}</h3>
            <AreaForms p={profile.data} />
            <h3>{t('profile.drivers')}</h3>
            <AreaDrivers p={profile.data} />
            <h3>{t('area.riskFactors')}</h3>
            <AreaDataGaps p={profile.data} />
            <h3>{t('brief.sources')}</h3>
            <AreaSources p={profile.data} />
          </>
        )}
      </section>
    </main>
  );
}
