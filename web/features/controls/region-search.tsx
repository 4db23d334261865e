import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { regionQueries, type RegionRow } from '../../queries/regions.ts';
import { matchRegions } from './region-match.ts';
import { t } from '../../i18n/messages.ts';

/**
 * Find a region by name or code: an accessible combobox (arrow keys, Enter, Escape). Picking one
 * calls `onPick` with it.
 */
export function RegionSearch({
  onPick,
  label = t('search.label'),
}: {
  onPick: (r: RegionRow) => void;
  label?: string;
}) {
  const id = useId();
  const regions = useQuery(regionQueries.all());
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const names = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data]);
  const matches = useMemo(() => matchRegions(regions.data ?? [], q), [regions.data, q]);
  const pick = (r: RegionRow | undefined) => {
    if (!r) return;
    onPick(r);
    setQ('');
    setOpen(false);
  };
  const listId = `${id}-list`;
  const expanded = open && q.length > 0;
  return (
    <div className="region-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder={regions.isError ? t('search.unavailable') : t('search.placeholder')}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && matches[active] ? `${id}-${matches[active].code}` : undefined}
        value={q}
        disabled={regions.isError}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(matches[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {expanded && (
        <ul id={listId} role="listbox" className="search-results" aria-label={t('search.results')}>
          {regions.isPending && <li className="empty">{t('search.loading')}</li>}
          {regions.isSuccess && matches.length === 0 && <li className="empty">{t('search.none', { q })}</li>}
          {matches.map((r, i) => (
            <li
              key={r.code}
              id={`${id}-${r.code}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(r);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <strong>{r.name}</strong>{' '}
              <span className="muted">
                {r.level === 0
                  ? t('search.country')
                  : r.level === 2
                    ? t('search.district', { region: names.get(r.parent ?? '') ?? r.parent ?? '' })
                    : (names.get(r.parent ?? '') ?? r.parent)}
              </span>{' '}
              <code>{r.code}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
