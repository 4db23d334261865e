import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Catalogue } from '../../../indicators/index.ts';
import { QueryStatus } from '../common/status.tsx';
import { catalogueQueries, type VersionRow } from '../../queries/catalogue.ts';
import { ImportPanel } from './import-panel.tsx';
import { VersionDiff } from './version-diff.tsx';
import { t } from '../../i18n/messages.ts';
import { fmtDateTime } from '../../lib/format.ts';

function summary(v: VersionRow): string {
  const d = v.diff;
  if (!d) return t('catalogue.noDiff');
  if (d.from === null) return t('catalogue.firstLoad', { count: d.added.length });
  return t('catalogue.diffSummary', { added: d.added.length, removed: d.removed.length, changed: d.changed.length });
}

function VersionDetail({ v }: { v: VersionRow }) {
  const after = useQuery(catalogueQueries.version(v.id));
  const from = v.diff?.from ?? null;
  const before = useQuery({ ...catalogueQueries.version(from ?? ''), enabled: from !== null });
  if (!v.diff) return <p className="muted">{t('catalogue.storedWithoutDiff')}</p>;
  return (
    <QueryStatus query={after} what={t('catalogue.theVersion', { id: v.id })}>
      <VersionDiff
        diff={v.diff}
        after={after.data?.snapshot as Catalogue | undefined}
        before={before.data?.snapshot as Catalogue | undefined}
      />
    </QueryStatus>
  );
}

function VersionItem({ v, initiallyOpen }: { v: VersionRow; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <li className="cat-version" data-version={v.id}>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <strong>{t('catalogue.version', { id: v.id })}</strong>{' '}
          {v.isCurrent && <span className="cat-badge cat-current">{t('catalogue.inForce')}</span>}{' '}
          <span className="cat-version-sum">{summary(v)}</span>
          <span className="muted small">
            {' '}
            · {v.diff?.from ? t('catalogue.against', { from: v.diff.from }) : t('catalogue.initial')} ·{' '}
            {t('catalogue.loaded', { when: fmtDateTime(v.loadedAt) })}
            {v.loadedBy ? ` ${t('catalogue.loadedBy', { who: v.loadedBy })}` : ''} ·{' '}
            {t('catalogue.source', { source: v.source })}
          </span>
        </summary>
        {open && <VersionDetail v={v} />}
      </details>
    </li>
  );
}

/** Every catalogue version, newest first, each opening onto its diff; then the admin import form. */
export function VersionsPanel() {
  const versions = useQuery(catalogueQueries.versions());
  return (
    <div className="cat-versions">
      <QueryStatus query={versions} what={t('catalogue.theVersions')}>
        {versions.data && versions.data.length === 0 ? (
          <p className="empty">{t('catalogue.noneLoaded')}</p>
        ) : (
          <ol className="cat-version-list" aria-label={t('catalogue.versionsList')}>
            {versions.data?.map((v, k) => (
              <VersionItem key={v.id} v={v} initiallyOpen={k === 0 && v.diff?.from !== null} />
            ))}
          </ol>
        )}
      </QueryStatus>
      <ImportPanel />
    </div>
  );
}
