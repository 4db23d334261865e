import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { t, tOr } from '../../i18n/messages.ts';
import { fmtDateTime, fmtPeriod } from '../../lib/format.ts';
import { navigate } from '../../lib/router.ts';
import { LENS_LABELS, useViewState } from '../../lib/view-state.ts';
import { areaQueries } from '../../queries/areas.ts';
import { areaRequest, readAreaParams } from './area-params.ts';
import { loadUploadedArea } from './area-upload.ts';
import {
  AreaDataGaps,
  AreaDrivers,
  AreaForms,
  AreaKeyFigures,
  AreaMonitoringGaps,
  AreaRegions,
  AreaSources,
} from './area-sections.tsx';
import '../brief/brief.css';
import './area.css';

/**
 * The printable area brief (`/area-brief?regions=…|poly=…&from=&to=&name=`, the area page's link):
 * two A4 pages. Page one: the area, its key figures, the regions inside with their classes month
 * by month, the likely forms of exploitation and the drivers; page two: the monitoring gaps to
 * close at deployment, evidence by risk factor, sources and credits. Print it, or save it as PDF.
 */
export function AreaBriefPage() {
  const v = useViewState({ lens: 'tip' });
  const request = areaRequest(readAreaParams(v.params), v.lens, loadUploadedArea());
  const profile = useQuery({ ...areaQueries.profile(request!), enabled: request !== null });
  const p = profile.data;
  useEffect(() => {
    if (p) document.title = `${p.metadata.title} · Vigil`;
  }, [p]);

  if (!request)
    return (
      <main className="brief-message">
        <h2>{t('area.briefTitle')}</h2>
        <p>{t('area.briefIntro')}</p>
        <a
          href="/area"
          onClick={(e) => {
            e.preventDefault();
            navigate('/area');
          }}
        >
          {t('nav.area')}
        </a>
      </main>
    );
  if (profile.isPending)
    return (
      <p className="brief-message" role="status">
        {t('area.preparing')}
      </p>
    );
  if (profile.isError)
    return (
      <p className="brief-message error" role="alert">
        {t('area.failed', { message: profile.error.message })}
      </p>
    );
  const m = p!.metadata as NonNullable<typeof p>['metadata'] & {
    generatedAt: string;
    sourceLine: string;
    attribution: string[];
    disclaimer: string;
    scenarioLabel: string;
  };
  const lensLabel = LENS_LABELS[p!.area.lens as keyof typeof LENS_LABELS] ?? p!.area.lens;
  const sub = `${fmtPeriod(p!.area.from)} – ${fmtPeriod(p!.area.to)} · ${lensLabel} · ${tOr(`scenario.${p!.area.scenario}`, m.scenarioLabel)}`;
  return (
    <main className="brief-wrap">
      <div className="brief-toolbar" role="toolbar" aria-label={t('area.briefTitle')}>
        <button type="button" onClick={() => window.print()}>
          {t('brief.print')}
        </button>
        <span>{t('brief.printHint')}</span>
      </div>
      <article className="brief area-brief" data-testid="area-brief" data-ready="true" aria-label={m.title}>
        <section className="brief-page">
          <header className="brief-masthead">
            <span>{t('area.masthead')}</span>
            <span>{t('brief.generated', { when: fmtDateTime(m.generatedAt) })}</span>
          </header>
          <div className="brief-title">
            <div>
              <h1>{p!.area.name}</h1>
              <p className="brief-sub">{sub}</p>
            </div>
          </div>
          <AreaKeyFigures p={p!} />
          <h2>{t('area.regions')}</h2>
          <AreaRegions p={p!} />
          <h2>{t('profile.forms')}</h2>
          <AreaForms p={p!} />
          <h2>{t('profile.drivers')}</h2>
          <AreaDrivers p={p!} limit={6} />
        </section>
        <section className="brief-page brief-page-2">
          <header className="brief-masthead">
            <span>
              {p!.area.name} · {sub}
            </span>
            <span>{t('brief.page2')}</span>
          </header>
          <h2>{t('area.monitoringGaps')}</h2>
          <AreaMonitoringGaps p={p!} />
          <h2>{t('area.riskFactors')}</h2>
          <AreaDataGaps p={p!} />
          <h2>{t('brief.sources')}</h2>
          <AreaSources p={p!} />
          <footer className="brief-footer">
            <p>{m.sourceLine}</p>
            <p>
              {m.attribution.join('. ')}. {m.disclaimer}
            </p>
          </footer>
        </section>
      </article>
    </main>
  );
}
