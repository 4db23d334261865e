import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { t } from '../../i18n/messages.ts';
import { ApiError, csrfHeaders, ensureOk } from '../../lib/http.ts';
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
  loadUploadedArea,
  readAreaFile,
  storeUploadedArea,
  uploadedPolygons,
  type UploadedArea,
  type UploadResult,
} from './area-upload.ts';
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
 * A zipped Shapefile, which the browser does not read: the API reads it with the Admin upload's
 * reader (`POST /api/areas/read`) and names why it refuses one (not WGS 84, no polygon, too large).
 */
async function readZippedArea(file: File): Promise<UploadResult | { ok: false; message: string }> {
  const body = new FormData();
  body.set('file', file);
  try {
    const res = await ensureOk(await fetch('/api/areas/read', { method: 'POST', headers: csrfHeaders(), body }));
    const area = (await res.json()) as UploadedArea;
    return { ok: true, area: { name: area.name, geometry: area.geometry } };
  } catch (e) {
    return { ok: false, message: e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : String(e) };
  }
}

/**
 * The area of interest page (`/area?regions=…|poly=…|shape=upload&unit=districts&from=&to=&name=`): a
 * planner picks first-level regions or districts on the map, draws a polygon or uploads one (GeoJSON or
 * TopoJSON, kept in the tab's session storage), chooses months, and reads the area's profile (regions by area
 * share, their classes month by month, forms, drivers, coverage and the gaps to close at
 * deployment). A signed-in person saves it with their account and reopens it later; the area
 * brief prints it on two pages. Everything about the area lives in the link, so it can be shared.
 */
export function AreaPage() {
  const v = useViewState({ lens: 'tip' });
  const a = readAreaParams(v.params);
  const [mode, setMode] = useState<AreaMode>('select');
  const [drawing, setDrawing] = useState<[number, number][] | null>(null);
  const [uploaded, setUploaded] = useState<UploadedArea | null>(() => (a.upload ? loadUploadedArea() : null));
  const [uploadError, setUploadError] = useState<string | null>(null);
  const upload = a.upload ? uploaded : null;
  const shapes = useMemo(() => (upload ? uploadedPolygons(upload) : []), [upload]);
  const periods = useQuery(scoreQueries.periods()).data ?? [];
  const me = useQuery(accountQueries.me()).data?.user ?? null;
  const saved = useQuery({ ...areaQueries.saved(), enabled: me !== null });
  const save = useSaveArea();
  const remove = useDeleteArea();
  const request = mode === 'draw' ? null : areaRequest(a, v.lens, upload);
  const profile = useQuery({ ...areaQueries.profile(request!), enabled: request !== null });
  const range =
    a.from && a.to
      ? { from: a.from, to: a.to }
      : ((profile.data && { from: profile.data.area.from, to: profile.data.area.to }) ??
        recentRange(periods, 12, null));
  const ring = drawing ?? a.ring;

  const toggle = (code: string) => {
    const next = a.regions.includes(code) ? a.regions.filter((c) => c !== code) : [...a.regions, code];
    setParams(areaParamPatch({ regions: next, ring: [], upload: false }));
  };
  const readFile = async (file: File) => {
    const r = /\.zip$/i.test(file.name) ? await readZippedArea(file) : readAreaFile(file.name, await file.text());
    if (!r.ok && 'message' in r) return setUploadError(t('area.uploadRefused', { reason: r.message }));
    if (!r.ok)
      return setUploadError(
        t(r.reason === 'json' ? 'area.uploadJson' : r.reason === 'empty' ? 'area.uploadEmpty' : 'area.uploadShape'),
      );
    setUploadError(null);
    storeUploadedArea(r.area);
    setUploaded(r.area);
    setDrawing(null);
    setMode('select');
    setParams(areaParamPatch({ regions: [], ring: [], upload: true }));
  };
  const startDrawing = () => {
    setMode('draw');
    setDrawing([]);
    setParams(areaParamPatch({ regions: [], ring: [], upload: false }));
  };
  const finishDrawing = () => {
    if (drawing && drawing.length >= 3) setParams(areaParamPatch({ ring: drawing }));
    setDrawing(null);
    setMode('select');
  };
  const clear = () => {
    setDrawing(mode === 'draw' ? [] : null);
    storeUploadedArea(null);
    setUploaded(null);
    setParams(areaParamPatch({ regions: [], ring: [], upload: false }));
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
        <div className="area-modes" role="group" aria-label={t('area.unit')}>
          {([1, 2] as const).map((level) => (
            <button
              key={level}
              type="button"
              aria-pressed={a.level === level}
              // Picked regions are of one level: changing it starts the pick again; a polygon is cut anew.
              onClick={() => setParams(areaParamPatch({ level, ...(a.level !== level ? { regions: [] } : {}) }))}
            >
              {t(level === 1 ? 'area.unitRegions' : 'area.unitDistricts')}
            </button>
          ))}
        </div>
        <label className="area-upload">
          {t('area.upload')}
          <input
            type="file"
            accept=".geojson,.json,.topojson,.zip,application/geo+json,application/json,application/zip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file);
              e.target.value = '';
            }}
          />
        </label>
        {uploadError && <p role="alert">{uploadError}</p>}
        <p className="area-status" role="status">
          {mode === 'draw'
            ? t('area.drawHint')
            : upload
              ? t('area.uploaded', { name: upload.name, n: upload.geometry.coordinates.length })
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
        key={a.level}
        level={a.level}
        mode={mode}
        picked={a.ring.length >= 3 || upload ? [] : a.regions}
        ring={upload ? [] : ring}
        shapes={shapes}
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
