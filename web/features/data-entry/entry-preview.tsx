import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { CLASS_LABELS, asClass } from '../../charts/risk-colors.ts';
import { fmtPeriod, fmtScore } from '../../lib/format.ts';
import { ApiError } from '../../lib/http.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { previewQuery, type NewObservation, type ObservationPreview } from '../../queries/observations.ts';

/** How long the form waits after the last change before asking for a preview. */
const DEBOUNCE_MS = 400;

type Region = ObservationPreview['region'];
type Change = Region['overall'];
type Side = Change['before'];

/** A score as the preview line says it: the number and its class, or why there is none (never 0). */
export function describeSide(s: Side): string {
  const cls = asClass(s.class);
  if (cls === 'no-data') return 'no data';
  if (s.score === null) return s.basis === 'country' ? 'no score of its own (country records only)' : 'no data';
  if (cls === 'insufficient-data') return 'insufficient data';
  return `${fmtScore(s.score)} (${CLASS_LABELS[cls].toLowerCase()}${s.conditionsOnly ? ', conditions only' : ''})`;
}

function ChangeLine({ label, change }: { label: string; change: Change }) {
  const same = change.before.score === change.after.score && !change.classChanges;
  return (
    <li data-lens={label}>
      <span className="lens">{label}</span> Now: {describeSide(change.before)} → after saving:{' '}
      <strong>{describeSide(change.after)}</strong>
      {change.classChanges ? <em className="class-change"> class changes</em> : same ? ' (no change)' : null}
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
        <ChangeLine label="Overall" change={region.overall} />
        <ChangeLine label="Trafficking lens" change={region.tip} />
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
    body = (
      <p className="hint">
        Choose a region, an indicator, a month and a value, and cite the source: this shows the region’s score now and
        after saving.
      </p>
    );
  } else if (query.error) {
    const e = query.error;
    body = (
      <p className="hint">
        {e instanceof ApiError && (e.status === 401 || e.status === 403)
          ? 'Sign in as an analyst to see what this entry does to the scores.'
          : `No preview: ${e.message}`}
      </p>
    );
  } else if (query.data) {
    const p = query.data;
    body = (
      <>
        <p className="hint">If saved, {fmtPeriod(p.period)} becomes:</p>
        <RegionBlock region={p.region} role={p.region.level === 0 ? '(country)' : ''} />
        {p.parent && <RegionBlock region={p.parent} role="(its country, the highest of its regions)" />}
      </>
    );
  } else body = <p className="hint">Working out the effect…</p>;
  return (
    <section
      className="entry-preview"
      aria-label="What saving does to the scores"
      data-testid="entry-preview"
      aria-busy={waiting}
      aria-live="polite"
    >
      <h3>What saving does {waiting && query.data ? <span className="hint">(updating…)</span> : null}</h3>
      {body}
    </section>
  );
}
