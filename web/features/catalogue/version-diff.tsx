import type { CatalogueDiff } from '../../queries/catalogue.ts';
import type { Catalogue, Indicator } from '../../../indicators/index.ts';
import { measurementText } from './labels.ts';
import { t } from '../../i18n/messages.ts';
import { fmtNumber } from '../../lib/format.ts';

const LISTED = 40;

function valueText(i: Indicator, field: string): string | null {
  switch (field) {
    case 'weight':
      return fmtNumber(i.weight);
    case 'relevance':
    case 'level':
    case 'status':
    case 'group':
      return String(i[field]);
    case 'persistenceMonths':
      return t('catalogue.diff.months', { months: i.persistenceMonths });
    case 'measurement':
      return measurementText(i.measurement);
    case 'forms':
      return i.forms.join(', ') || t('catalogue.diff.none');
    default:
      return null;
  }
}

const FIELD_NAMES: Record<string, string> = { persistenceMonths: 'persistence' };

function IdList({
  ids,
  label,
  of,
}: {
  ids: readonly string[];
  label: (id: string) => string | undefined;
  of: 'added' | 'removed';
}) {
  if (ids.length === 0) return <p className="muted">{t('catalogue.diff.noneListed')}</p>;
  return (
    <ul className="cat-diff-ids">
      {ids.slice(0, LISTED).map((id) => (
        <li key={id}>
          <code>{id}</code> {label(id)}
        </li>
      ))}
      {ids.length > LISTED && <li className="muted">{t('catalogue.diff.more', { count: ids.length - LISTED, of })}</li>}
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
      <section aria-label={t('catalogue.diff.addedCount', { count: diff.added.length })}>
        <h5>
          <span className="cat-diff-add">{t('catalogue.diff.added')}</span> ({diff.added.length})
        </h5>
        <IdList ids={diff.added} label={label} of="added" />
      </section>
      <section aria-label={t('catalogue.diff.removedCount', { count: diff.removed.length })}>
        <h5>
          <span className="cat-diff-del">{t('catalogue.diff.removed')}</span> ({diff.removed.length}){' '}
          <small className="muted">{t('catalogue.diff.retired')}</small>
        </h5>
        <IdList ids={diff.removed} label={label} of="removed" />
      </section>
      <section aria-label={t('catalogue.diff.changedCount', { count: diff.changed.length })}>
        <h5>
          <span className="cat-diff-chg">{t('catalogue.diff.changed')}</span> ({diff.changed.length})
        </h5>
        {diff.changed.length === 0 ? (
          <p className="muted">{t('catalogue.diff.noneListed')}</p>
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
                          {x != null && y != null ? (
                            // Field names and values are the catalogue's own ids: read left to right in every language.
                            <span dir="ltr">
                              {FIELD_NAMES[f] ?? f}: <del>{x}</del> → <ins>{y}</ins>
                            </span>
                          ) : (
                            `${FIELD_NAMES[f] ?? f} ${t('catalogue.diff.fieldChanged')}`
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              );
            })}
            {diff.changed.length > LISTED && (
              <li className="muted">
                {t('catalogue.diff.more', { count: diff.changed.length - LISTED, of: 'changed' })}
              </li>
            )}
          </ul>
        )}
      </section>
      {diff.records && diff.records.length > 0 && (
        <section aria-label={t('catalogue.diff.records')}>
          <h5>{t('catalogue.diff.recordsCount', { count: diff.records.length })}</h5>
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
