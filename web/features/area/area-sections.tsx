import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { t } from '../../i18n/messages.ts';
import { fmtNumber, fmtPct, fmtPeriod, fmtScore } from '../../lib/format.ts';
import type { AreaProfile } from '../../queries/areas.ts';

/** A class as a coloured chip with its name. */
function ClassChip({ cls }: { cls: string }) {
  const c = asClass(cls);
  return (
    <span className="area-chip">
      <span className="area-swatch" style={{ background: CLASS_COLORS[c] }} aria-hidden="true" />
      {CLASS_LABELS[c]}
    </span>
  );
}

/** The area's size, regions, coverage and months, in a row of figures. */
export function AreaKeyFigures({ p }: { p: AreaProfile }) {
  return (
    <dl className="area-figures">
      <div>
        <dt>{t('area.size')}</dt>
        <dd>{t('area.km2', { n: fmtNumber(p.area.areaKm2) })}</dd>
      </div>
      <div>
        <dt>{t('area.regionsInside')}</dt>
        <dd>{fmtNumber(p.regions.length)}</dd>
      </div>
      <div>
        <dt>{t('area.coverage')}</dt>
        <dd>{fmtPct(p.coverage.coverage)}</dd>
      </div>
      <div>
        <dt>{t('area.classed')}</dt>
        <dd>{fmtPct(p.coverage.shareClassed)}</dd>
      </div>
      <div>
        <dt>{t('area.months')}</dt>
        <dd>
          {fmtPeriod(p.area.from)} – {fmtPeriod(p.area.to)}
        </dd>
      </div>
    </dl>
  );
}

/** The regions inside, largest share first: share of the area, part of the region inside, latest class and the class of every month. */
export function AreaRegions({ p }: { p: AreaProfile }) {
  return (
    <table className="area-regions" data-testid="area-regions">
      <thead>
        <tr>
          <th scope="col">{t('area.region')}</th>
          <th scope="col">{t('area.share')}</th>
          <th scope="col">{t('area.inside')}</th>
          <th scope="col">{t('area.latest')}</th>
          <th scope="col">{t('area.classesByMonth')}</th>
        </tr>
      </thead>
      <tbody>
        {p.regions.map((r) => (
          <tr key={r.code} data-code={r.code}>
            <th scope="row">
              {r.name} <span className="area-code">{r.code}</span>
              {r.parent && <span className="area-parent">{r.parent.name}</span>}
            </th>
            <td>{fmtPct(r.share)}</td>
            <td>{fmtPct(r.regionShare)}</td>
            <td>
              <ClassChip cls={r.latest.class} /> {r.latest.score !== null && fmtScore(r.latest.score)}
            </td>
            <td>
              <span className="area-strip">
                {r.classes.map((c) => (
                  <span
                    key={c.period}
                    className="area-cell"
                    style={{ background: CLASS_COLORS[asClass(c.class)] }}
                    title={`${fmtPeriod(c.period)}: ${CLASS_LABELS[asClass(c.class)]}`}
                  />
                ))}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The combined exploitation-form profile as bars. */
export function AreaForms({ p }: { p: AreaProfile }) {
  if (!p.forms.length) return <p className="area-empty">{t('area.noForms')}</p>;
  return (
    <>
      <ul className="area-bars">
        {p.forms.map((f) => (
          <li key={f.form}>
            <span className="area-bar-label">{f.label}</span>
            <span className="area-bar" style={{ inlineSize: `${Math.round(f.share * 100)}%` }} aria-hidden="true" />
            <span className="area-bar-value">{fmtPct(f.share)}</span>
          </li>
        ))}
      </ul>
      <p className="area-note">{t('area.formsNote', { share: fmtPct(p.formsBasisShare) })}</p>
    </>
  );
}

/** The drivers across the area, with where they weigh most and their sources. */
export function AreaDrivers({ p, limit }: { p: AreaProfile; limit?: number }) {
  if (!p.drivers.length) return <p className="area-empty">{t('area.noDrivers')}</p>;
  const names = new Map(p.regions.map((r) => [r.code, r.name]));
  return (
    <ol className="area-drivers">
      {p.drivers.slice(0, limit).map((d) => (
        <li key={d.indicatorId}>
          <strong>{d.label}</strong> — {d.value}
          <span className="area-detail">
            {t('area.driverWhere', {
              where: names.get(d.strongestIn) ?? d.strongestIn,
              share: fmtPct(d.share),
              period: fmtPeriod(d.observedPeriod),
            })}
          </span>
          {d.sources.length > 0 && (
            <span className="area-detail">{t('area.driverSources', { list: d.sources.join('; ') })}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The monitoring gaps to close at deployment, largest share first. */
export function AreaMonitoringGaps({ p }: { p: AreaProfile }) {
  if (!p.monitoringGaps.length) return <p className="area-empty">{t('area.noGaps')}</p>;
  return (
    <ul className="area-gaps" data-testid="area-gaps">
      {p.monitoringGaps.map((g) => (
        <li key={g.kind + g.text}>
          {g.text} <span className="area-detail">({fmtPct(g.share)})</span>
        </li>
      ))}
    </ul>
  );
}

/** Risk factors of the lens with evidence somewhere in the area, by the share of the area observed; the others named in one line. */
export function AreaDataGaps({ p }: { p: AreaProfile }) {
  const seen = p.dataGaps.riskFactors
    .filter((f) => f.observedShare > 0)
    .sort((a, b) => b.observedShare - a.observedShare);
  const unseen = p.dataGaps.riskFactors.filter((f) => f.observedShare === 0);
  return (
    <>
      <ul className="area-bars">
        {seen.map((f) => (
          <li key={f.group}>
            <span className="area-bar-label">{f.label}</span>
            <span
              className="area-bar area-bar-observed"
              style={{ inlineSize: `${Math.round(f.observedShare * 100)}%` }}
              aria-hidden="true"
            />
            <span className="area-bar-value">{fmtPct(f.observedShare)}</span>
          </li>
        ))}
      </ul>
      {unseen.length > 0 && (
        <p className="area-note">
          {t('area.unseen', { n: unseen.length, list: unseen.map((f) => f.label).join('; ') })}
        </p>
      )}
    </>
  );
}

/** Every source cited by the evidence of the regions inside. */
export function AreaSources({ p }: { p: AreaProfile }) {
  if (!p.sources.length) return <p className="area-empty">{t('area.noSources')}</p>;
  return (
    <ol className="area-sources">
      {p.sources.map((s) => (
        <li key={s.citation}>
          {s.citation}
          {s.locators.length > 0 && ` (${s.locators.join(', ')})`}
        </li>
      ))}
    </ol>
  );
}
