import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { catalogueQueries, type IndicatorRow } from '../../queries/catalogue.ts';
import { regionQueries } from '../../queries/regions.ts';
import { RegionSearch } from '../controls/region-search.tsx';
import { ApiError } from '../../lib/http.ts';
import { useCreateObservation, type NewObservation } from '../../queries/observations.ts';
import { EntryPreview } from './entry-preview.tsx';
import { FieldMessage } from './field-error.tsx';
import { currentMonth, scaleChoices, scaleLabel } from './scale.ts';
import { useLanguage } from '../../i18n/language-provider.tsx';
import { t } from '../../i18n/messages.ts';
import { WriteError } from '../common/form-fields.tsx';

/** The longest area note the API accepts. */
const NOTE_MAX = 500;

const EMPTY = {
  indicator: '',
  period: '',
  value: '',
  confidence: 'medium',
  citation: '',
  url: '',
  locator: '',
  note: '',
};

/**
 * The analyst's entry form: region (search), indicator (with its scale), month, value on that
 * scale, confidence, source and an area-level note. Errors from the API appear under each field.
 */
export function ObservationForm({ region, onRegion }: { region: string | null; onRegion: (code: string) => void }) {
  const { lang } = useLanguage();
  const indicators = useQuery(catalogueQueries.indicators(lang));
  const regions = useQuery(regionQueries.all());
  const create = useCreateObservation();
  const [f, setF] = useState(EMPTY);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setF((s) => ({ ...s, [k]: e.target.value }));
  const indicator = indicators.data?.find((i) => i.id === f.indicator);
  const choices = indicator ? scaleChoices(indicator.measurement) : null;
  const regionName = regions.data?.find((r) => r.code === region)?.name;
  const list = indicators.data;
  const byFramework = useMemo(() => {
    const groups = new Map<string, IndicatorRow[]>();
    for (const i of list ?? []) groups.set(i.framework, [...(groups.get(i.framework) ?? []), i]);
    return [...groups];
  }, [list]);
  const fields = create.error instanceof ApiError ? create.error.fields : [];

  const entry: NewObservation = {
    region: region ?? '',
    indicator: f.indicator,
    period: f.period,
    value: f.value === '' ? NaN : Number(f.value),
    confidence: f.confidence,
    source: {
      citation: f.citation,
      ...(f.url.trim() ? { url: f.url.trim() } : {}),
      ...(f.locator.trim() ? { locator: f.locator.trim() } : {}),
    },
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  };
  // The preview needs what moves a score: where, what, when, the value and its source (sources are counted).
  const complete = Boolean(region && f.indicator && f.period && f.value !== '' && f.citation.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(entry, {
      onSuccess: () =>
        setF((s) => ({
          ...EMPTY,
          indicator: s.indicator,
          period: s.period,
          confidence: s.confidence,
          citation: s.citation,
          url: s.url,
        })),
    });
  };

  return (
    <form className="data-form" onSubmit={submit} aria-label={t('entry.formTitle')} noValidate>
      <h2>{t('entry.formTitle')}</h2>
      <div className="field">
        <RegionSearch label={t('entry.region')} onPick={(r) => onRegion(r.code)} />
        <span className="chosen" aria-live="polite">
          {region ? (
            <>
              <strong>{regionName ?? region}</strong> <code>{region}</code>
            </>
          ) : (
            t('entry.noRegion')
          )}
        </span>
        <FieldMessage fields={fields} name="region" />
      </div>
      <label className="field">
        {t('entry.indicator')}
        <select value={f.indicator} onChange={set('indicator')} required>
          <option value="">{t('entry.chooseIndicator')}</option>
          {byFramework.map(([fw, list]) => (
            <optgroup key={fw} label={fw.toUpperCase()}>
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label} ({scaleLabel(i.measurement)})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {indicator && (
          <small className="hint">
            {t('entry.indicatorScale', {
              description: indicator.description,
              scale: scaleLabel(indicator.measurement),
            })}
          </small>
        )}
        <FieldMessage fields={fields} name="indicator" />
      </label>
      <div className="row">
        <label className="field">
          {t('entry.month')}
          <input type="month" value={f.period} max={currentMonth()} onChange={set('period')} required />
          <FieldMessage fields={fields} name="period" />
        </label>
        <label className="field">
          {t('entry.value')}
          {choices ? (
            <select value={f.value} onChange={set('value')} required>
              <option value="">—</option>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              type="number"
              min={0}
              step={indicator?.measurement.kind === 'count' ? 1 : 'any'}
              value={f.value}
              onChange={set('value')}
              required
            />
          )}
          <FieldMessage fields={fields} name="value" />
        </label>
        <label className="field">
          {t('entry.confidence')}
          <select value={f.confidence} onChange={set('confidence')}>
            <option value="low">{t('observation.confidence.low')}</option>
            <option value="medium">{t('observation.confidence.medium')}</option>
            <option value="high">{t('observation.confidence.high')}</option>
          </select>
        </label>
      </div>
      <label className="field">
        {t('entry.citation')}
        <input value={f.citation} onChange={set('citation')} placeholder={t('entry.citationPlaceholder')} required />
        <FieldMessage fields={fields} name="source" />
      </label>
      <div className="row">
        <label className="field">
          {t('entry.link')}{' '}
          <input type="url" value={f.url} onChange={set('url')} placeholder={t('entry.linkPlaceholder')} />
        </label>
        <label className="field">
          {t('entry.locator')}{' '}
          <input value={f.locator} onChange={set('locator')} placeholder={t('entry.locatorPlaceholder')} />
        </label>
      </div>
      <label className="field">
        {t('entry.note')}
        <textarea value={f.note} onChange={set('note')} maxLength={NOTE_MAX} rows={2} />
        <small className="hint">{t('entry.noteHint', { max: NOTE_MAX })}</small>
        <FieldMessage fields={fields} name="note" />
      </label>
      <EntryPreview entry={complete ? entry : null} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('entry.saving') : t('entry.add')}
        </button>
        {create.isSuccess && (
          <span className="ok" role="status">
            {t('entry.saved', { id: create.data.id })}
          </span>
        )}
        <WriteError write={create} inline />
      </div>
    </form>
  );
}
