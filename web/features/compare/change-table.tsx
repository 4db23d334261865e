import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { CHANGE_PALETTE } from '../../charts/change-colors.ts';
import { fmtChange, fmtScore } from '../../lib/format.ts';
import { RegionLink } from '../monitoring/region-link.tsx';
import type { Change } from './change.ts';
import { t } from '../../i18n/messages.ts';

/** The largest changes, with both scores, the change on the map's colour scale, and any class change. */
export function ChangeTable({
  changes,
  beforeLabel,
  afterLabel,
  period,
  lens,
  scenario,
  onSelect,
}: {
  changes: readonly Change[];
  beforeLabel: string;
  afterLabel: string;
  period: string;
  lens: Lens;
  scenario: string;
  onSelect?: (code: string) => void;
}) {
  if (changes.length === 0) return <p className="empty">{t('compare.noChange')}</p>;
  return (
    <table className="changes" aria-label={t('compare.largest')}>
      <thead>
        <tr>
          <th scope="col">{t('compare.region')}</th>
          <th scope="col" className="num">
            {beforeLabel}
          </th>
          <th scope="col" className="num">
            {afterLabel}
          </th>
          <th scope="col" className="num">
            {t('compare.change')}
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const bc = asClass(c.beforeClass);
          const ac = asClass(c.afterClass);
          return (
            <tr key={c.region} data-region={c.region} onMouseEnter={() => onSelect?.(c.region)}>
              <td>
                <RegionLink code={c.region} period={period} lens={lens} scenario={scenario}>
                  {c.name}
                </RegionLink>
                {(bc !== ac || c.note) && (
                  <span className="reason">
                    {bc !== ac && t('compare.classChange', { before: CLASS_LABELS[bc], after: CLASS_LABELS[ac] })}
                    {bc !== ac && c.note && ' · '}
                    {c.note}
                  </span>
                )}
              </td>
              <td className="num">{fmtScore(c.before)}</td>
              <td className="num">{fmtScore(c.after)}</td>
              <td className="num">
                <span className="swatch" style={{ background: CHANGE_PALETTE[c.bin] }} /> {fmtChange(c.delta)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Regions whose two scores cannot be compared — between conditions only and direct signs, or to or
 * from insufficient data, no data or country-level records only — listed apart from the rises and
 * falls, with both scores and why.
 */
export function NotComparableList({
  changes,
  beforeLabel,
  afterLabel,
  period,
  lens,
}: {
  changes: readonly Change[];
  beforeLabel: string;
  afterLabel: string;
  period: string;
  lens: Lens;
}) {
  return (
    <section className="not-comparable" aria-label={t('compare.notComparable')}>
      <h3>{t('compare.notComparableCount', { count: changes.length })}</h3>
      <p className="muted small">{t('compare.notComparableNote')}</p>
      {changes.length === 0 ? (
        <p className="empty">{t('compare.none')}</p>
      ) : (
        <table className="changes" aria-label={t('compare.notComparable')}>
          <thead>
            <tr>
              <th scope="col">{t('compare.region')}</th>
              <th scope="col" className="num">
                {beforeLabel}
              </th>
              <th scope="col" className="num">
                {afterLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.region} data-region={c.region}>
                <td>
                  <RegionLink code={c.region} period={period} lens={lens} scenario="baseline">
                    {c.name}
                  </RegionLink>
                  <span className="reason">{c.notComparable}</span>
                </td>
                <td className="num">{fmtScore(c.before)}</td>
                <td className="num">{fmtScore(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
