import type { CatalogueDiff } from '../../queries/catalogue.ts';
import type { Catalogue, Indicator } from '../../../indicators/index.ts';
import { measurementText } from './labels.ts';

const LISTED = 40;

function valueText(i: Indicator, field: string): string | null {
  switch (field) {
    case 'weight':
    case 'relevance':
    case 'level':
    case 'status':
    case 'group':
      return String(i[field]);
    case 'persistenceMonths':
      return `${i.persistenceMonths} mo`;
    case 'measurement':
      return measurementText(i.measurement);
    case 'forms':
      return i.forms.join(', ') || 'none';
    default:
      return null;
  }
}

const FIELD_NAMES: Record<string, string> = { persistenceMonths: 'persistence' };

function IdList({ ids, label, of }: { ids: readonly string[]; label: (id: string) => string | undefined; of: string }) {
  if (ids.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="cat-diff-ids">
      {ids.slice(0, LISTED).map((id) => (
        <li key={id}>
          <code>{id}</code> {label(id)}
        </li>
      ))}
      {ids.length > LISTED && (
        <li className="muted">
          …and {ids.length - LISTED} more {of}
        </li>
      )}
    </ul>
  );
}

/**
 * A version's diff: indicators added, removed (retired, kept for old observations) and changed with
 * the fields that changed, before → after when both snapshots are at hand; then frameworks, groups
 * and forms that changed.
 */
export function VersionDiff({
  diff,
  before,
  after,
}: {
  diff: CatalogueDiff;
  before?: Pick<Catalogue, 'indicators'>;
  after?: Pick<Catalogue, 'indicators'>;
}) {
  const old = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  const now = new Map((after?.indicators ?? []).map((i) => [i.id, i]));
  const label = (id: string) => (now.get(id) ?? old.get(id))?.label;
  return (
    <div className="cat-diff">
      <section aria-label={`Added (${diff.added.length})`}>
        <h5>
          <span className="cat-diff-add">Added</span> ({diff.added.length})
        </h5>
        <IdList ids={diff.added} label={label} of="added" />
      </section>
      <section aria-label={`Removed (${diff.removed.length})`}>
        <h5>
          <span className="cat-diff-del">Removed</span> ({diff.removed.length}){' '}
          <small className="muted">retired: old observations keep their id</small>
        </h5>
        <IdList ids={diff.removed} label={label} of="removed" />
      </section>
      <section aria-label={`Changed (${diff.changed.length})`}>
        <h5>
          <span className="cat-diff-chg">Changed</span> ({diff.changed.length})
        </h5>
        {diff.changed.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="cat-diff-ids">
            {diff.changed.slice(0, LISTED).map((c) => {
              const [a, b] = [old.get(c.id), now.get(c.id)];
              return (
                <li key={c.id}>
                  <code>{c.id}</code> {label(c.id)}
                  <ul className="cat-diff-fields">
                    {c.fields.map((f) => {
                      const [x, y] = [a && valueText(a, f), b && valueText(b, f)];
                      return (
                        <li key={f}>
                          {FIELD_NAMES[f] ?? f}
                          {x != null && y != null ? (
                            <>
                              : <del>{x}</del> → <ins>{y}</ins>
                            </>
                          ) : (
                            ' changed'
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              );
            })}
            {diff.changed.length > LISTED && (
              <li className="muted">…and {diff.changed.length - LISTED} more changed</li>
            )}
          </ul>
        )}
      </section>
      {diff.records && diff.records.length > 0 && (
        <section aria-label="Frameworks, groups and forms">
          <h5>Frameworks, groups and forms ({diff.records.length})</h5>
          <ul className="cat-diff-ids">
            {diff.records.map((r) => (
              <li key={`${r.kind}-${r.id}`}>
                {r.kind} <code>{r.id}</code> {r.change}
                {r.fields ? `: ${r.fields.join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
