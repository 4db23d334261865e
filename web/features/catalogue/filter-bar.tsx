import { RELEVANCES } from '../../../indicators/index.ts';
import type { ExploitationForm, Framework } from '../../../indicators/index.ts';
import { setParams } from '../../lib/router.ts';
import type { CatalogueFilter } from './catalogue-filter.ts';
import { formsInOrder } from './catalogue-filter.ts';
import { RELEVANCE_LABELS } from './labels.ts';
import { t } from '../../i18n/messages.ts';

/**
 * Framework, relevance, exploitation form and free-text filters of the catalogue browser. Every
 * change goes to the URL (so a filtered view can be shared) and the count of matches is announced.
 */
export function FilterBar({
  filter,
  frameworks,
  forms,
  shown,
  total,
}: {
  filter: CatalogueFilter;
  frameworks: readonly Framework[];
  forms: readonly ExploitationForm[];
  shown: number;
  total: number;
}) {
  const active = Boolean(filter.framework || filter.relevance || filter.form || filter.text);
  return (
    <form
      className="cat-filters controls"
      role="search"
      aria-label={t('catalogue.filter')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        {t('catalogue.framework')}
        <select value={filter.framework ?? ''} onChange={(e) => setParams({ framework: e.target.value || null })}>
          <option value="">{t('catalogue.allFrameworks')}</option>
          {frameworks.map((f) => (
            <option key={f.id} value={f.id}>
              {f.shortTitle}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('catalogue.relevance')}
        <select value={filter.relevance ?? ''} onChange={(e) => setParams({ relevance: e.target.value || null })}>
          <option value="">{t('catalogue.anyRelevance')}</option>
          {RELEVANCES.map((r) => (
            <option key={r} value={r}>
              {RELEVANCE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('catalogue.form')}
        <select value={filter.form ?? ''} onChange={(e) => setParams({ form: e.target.value || null })}>
          <option value="">{t('catalogue.anyForm')}</option>
          {formsInOrder(forms).map(({ form, depth }) => (
            <option key={form.id} value={form.id}>
              {'\u2003'.repeat(depth)}
              {form.label}
            </option>
          ))}
        </select>
      </label>
      <label className="cat-narrower">
        <input
          type="checkbox"
          checked={filter.narrower}
          disabled={!filter.form}
          onChange={(e) => setParams({ narrower: e.target.checked ? null : '0' })}
        />
        {t('catalogue.narrower')}
      </label>
      <label>
        {t('catalogue.search')}
        <input
          type="search"
          value={filter.text}
          placeholder={t('catalogue.searchHint')}
          onChange={(e) => setParams({ q: e.target.value || null })}
        />
      </label>
      {active && (
        <button
          type="button"
          className="link"
          onClick={() => setParams({ framework: null, relevance: null, form: null, narrower: null, q: null })}
        >
          {t('catalogue.clear')}
        </button>
      )}
      <output className="cat-count" aria-live="polite">
        {shown === total ? t('catalogue.count', { total }) : t('catalogue.countOf', { shown, total })}
      </output>
    </form>
  );
}
