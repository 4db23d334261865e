import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Catalogue } from '../../../indicators/index.ts';
import { QueryStatus } from '../common/status.tsx';
import { catalogueQueries, type VersionRow } from '../../queries/catalogue.ts';
import { ImportPanel } from './import-panel.tsx';
import { VersionDiff } from './version-diff.tsx';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

function summary(v: VersionRow): string {
  const d = v.diff;
  if (!d) return 'no diff recorded';
  if (d.from === null) return `first load: ${d.added.length} indicators`;
  return `${d.added.length} added · ${d.removed.length} removed · ${d.changed.length} changed`;
}

function VersionDetail({ v }: { v: VersionRow }) {
  const after = useQuery(catalogueQueries.version(v.id));
  const from = v.diff?.from ?? null;
  const before = useQuery({ ...catalogueQueries.version(from ?? ''), enabled: from !== null });
  if (!v.diff) return <p className="muted">This version was stored without a diff.</p>;
  return (
    <QueryStatus query={after} what={`version ${v.id}`}>
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
          <strong>Version {v.id}</strong> {v.isCurrent && <span className="cat-badge cat-current">in force</span>}{' '}
          <span className="cat-version-sum">{summary(v)}</span>
          <span className="muted small">
            {' '}
            · {v.diff?.from ? `against ${v.diff.from}` : 'initial'} · loaded {when(v.loadedAt)}
            {v.loadedBy ? ` by ${v.loadedBy}` : ''} · source: {v.source}
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
      <QueryStatus query={versions} what="catalogue versions">
        {versions.data && versions.data.length === 0 ? (
          <p className="empty">No catalogue has been loaded yet.</p>
        ) : (
          <ol className="cat-version-list" aria-label="Catalogue versions, newest first">
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
