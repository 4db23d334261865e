import { useQuery } from '@tanstack/react-query';
import { LENSES } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import { LENS_LABELS, type LevelMode } from '../../lib/view-state.ts';
import { scenarioQueries } from '../../queries/scenarios.ts';
import { t, tOr } from '../../i18n/messages.ts';

/** Lens picker. */
export function LensSelect({ value, onChange }: { value: Lens; onChange: (l: Lens) => void }) {
  return (
    <label>
      {t('controls.lens')}
      <select value={value} onChange={(e) => onChange(e.target.value as Lens)}>
        {LENSES.map((l) => (
          <option key={l} value={l}>
            {LENS_LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Region level picker; `auto` shows countries, then first-level regions once zoomed in. With
 * `onDistricts`, districts (admin-2 of the boundary sets) can be picked too, as level 2.
 */
export function LevelSelect({
  value,
  onChange,
  allowAuto = true,
  onDistricts,
}: {
  value: LevelMode | 2;
  onChange: (l: LevelMode) => void;
  allowAuto?: boolean;
  onDistricts?: (() => void) | null;
}) {
  return (
    <label>
      {t('controls.regions')}
      <select
        value={String(value)}
        onChange={(e) =>
          e.target.value === '2' && onDistricts
            ? onDistricts()
            : onChange(e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as 0 | 1))
        }
      >
        {allowAuto && <option value="auto">{t('controls.levelAuto')}</option>}
        <option value="0">{t('controls.countries')}</option>
        <option value="1">{t('controls.level1')}</option>
        {onDistricts && <option value="2">{t('controls.districts')}</option>}
      </select>
    </label>
  );
}

/** Weighting scenario picker; hidden while the API offers no scenarios. */
export function ScenarioSelect({ value, onChange }: { value: string; onChange: (s: string) => void }) {
  const scenarios = useQuery(scenarioQueries.list());
  const list = scenarios.data ?? [];
  if (!scenarios.isSuccess || list.length === 0) return null;
  const hasBaseline = list.some((s) => s.id === 'baseline');
  return (
    <label>
      {t('controls.weighting')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {!hasBaseline && <option value="baseline">{t('controls.baseline')}</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id} title={s.description}>
            {tOr(`scenario.${s.id}`, s.label)}
          </option>
        ))}
      </select>
    </label>
  );
}
