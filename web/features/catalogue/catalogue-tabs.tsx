import { useRef, type KeyboardEvent } from 'react';

/** One tab of the catalogue page. */
export interface Tab<T extends string> {
  id: T;
  label: string;
}

/**
 * An ARIA tab list: one tab in the tab order, arrow keys (and Home/End) move between tabs and
 * select them. Panels are labelled by `tab-<id>` and controlled through `panel-<id>`.
 */
export function Tabs<T extends string>({
  tabs,
  current,
  onSelect,
  label,
}: {
  tabs: readonly Tab<T>[];
  current: T;
  onSelect: (id: T) => void;
  label: string;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const move = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="cat-tabs">
      {tabs.map((t, k) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-controls={`panel-${t.id}`}
          aria-selected={t.id === current}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => move(e, k)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
