import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { CLASS_LABELS, asClass } from '../../charts/risk-colors.ts';
import { fmtPeriod, fmtScore } from '../../lib/format.ts';
import { ApiError } from '../../lib/http.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { previewQuery, type NewObservation, type ObservationPreview } from '../../queries/observations.ts';
import { t, tRich } from '../../i18n/messages.ts';

/** How long the form waits after the last change before asking for a preview. */
const DEBOUNCE_MS = 400;

type Region = ObservationPreview['region'];
type Change = Region['overall'];
type Side = Change['before'];

/** A score as the preview line says it: the number and its class, or why there is none (never 0). */
export function describeSide(s: Side): string {
  const cls = asClass(s.class);
  if (cls === 'no-data') return t('entry.side.noData');
  if (s.score === null) return s.basis === 'country' ? t('entry.side.countryOnly') : t('entry.side.noData');
  if (cls === 'insufficient-data') return t('entry.side.insufficient');
  const values = { score: fmtScore(s.score), cls: CLASS_LABELS[cls].toLowerCase() };
  return s.conditionsOnly ? t('entry.side.scoreConditions', values) : t('entry.side.score', values);
}

/** One lens's line: `lens` (`overall`, `tip`) names it for tests and styles, whatever the language. */
function ChangeLine({ lens, change }: { lens: 'overall' | 'tip'; change: Change }) {
  const same = change.before.score === change.after.score && !change.classChanges;
  return (
    <li data-lens={lens}>
      <span className="lens">{t(`entry.lens.${lens}`)}</span>{' '}
      {tRich('entry.change', {
        before: describeSide(change.before),
        after: describeSide(change.after),
        strong: (c) => <strong>{c}</strong>,
      })}
      {change.classChanges ? (
        <em className="class-change"> {t('entry.classChanges')}</em>
      ) : same ? (
        <> {t('entry.noChange')}</>
      ) : null}
    </li>
  );
}

function RegionBlock({ region, role }: { region: Region; role: string }) {
  return (
    <div className="preview-region" data-region={region.code}>
      <p className="preview-name">
        {region.name} {role && <span className="hint">{role}</span>}
      </p>
      <ul>
        <ChangeLine lens="overall" change={region.overall} />
        <ChangeLine lens="tip" change={region.tip} />
      </ul>
    </div>
  );
}

/**
 * What saving the entry would do to the scores: the region's score that month now and after (overall
 * and the trafficking lens, with class), and its country's roll-up, computed by the API with the same
 * model as the stored scores. Asked for once the entry is complete and has not changed for a moment.
 */
export function EntryPreview({ entry }: { entry: NewObservation | null }) {
  // Compared as text: the form builds a new object on every render, the preview waits on its content.
  const text = entry ? JSON.stringify(entry) : null;
  const key = useDebounced(text, DEBOUNCE_MS);
  const settled = useMemo(() => (key ? (JSON.parse(key) as NewObservation) : null), [key]);
  const query = useQuery({
    ...previewQuery(settled ?? ({} as NewObservation)),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });
  const waiting = text !== null && (text !== key || query.isFetching);
  let body;
  if (!entry) {
    body = <p className="hint">{t('entry.previewChoose')}</p>;
  } else if (query.error) {
    const e = query.error;
    body = (
      <p className="hint">
        {e instanceof ApiError && (e.status === 401 || e.status === 403)
          ? t('entry.previewSignIn')
          : t('entry.previewFailed', { message: e.message })}
      </p>
    );
  } else if (query.data) {
    const p = query.data;
    body = (
      <>
        <p className="hint">{t('entry.previewIf', { period: fmtPeriod(p.period) })}</p>
        <RegionBlock region={p.region} role={p.region.level === 0 ? t('entry.previewCountry') : ''} />
        {p.parent && <RegionBlock region={p.parent} role={t('entry.previewParent')} />}
      </>
    );
  } else body = <p className="hint">{t('entry.previewWorking')}</p>;
  return (
    <section
      className="entry-preview"
      aria-label={t('entry.previewLabel')}
      data-testid="entry-preview"
      aria-busy={waiting}
      aria-live="polite"
    >
      <h3>
        {t('entry.previewTitle')}{' '}
        {waiting && query.data ? <span className="hint">{t('entry.previewUpdating')}</span> : null}
      </h3>
      {body}
    </section>
  );
}
