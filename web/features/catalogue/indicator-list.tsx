import type { ExploitationForm, Framework, Indicator } from '../../../indicators/index.ts';
import type { GroupSection } from './catalogue-groups.ts';
import { LEVEL_LABELS, measurementText, months, STATUS_LABELS } from './labels.ts';
import { currentLanguage, t } from '../../i18n/messages.ts';
import { fmtNumber } from '../../lib/format.ts';

/** A relevance badge: colour and word, never colour alone. */
export function RelevanceBadge({ relevance }: { relevance: Indicator['relevance'] }) {
  return <span className={`cat-badge cat-rel-${relevance}`}>{t(`catalogue.badge.${relevance}`)}</span>;
}

/** A status badge with its meaning as a tooltip. */
export function StatusBadge({ status }: { status: Indicator['status'] }) {
  return (
    <span className={`cat-badge cat-status cat-status-${status}`} title={STATUS_LABELS[status].hint}>
      {STATUS_LABELS[status].label}
    </span>
  );
}

function IndicatorCard({ indicator: i, formLabel }: { indicator: Indicator; formLabel: (id: string) => string }) {
  const headingId = `ind-${i.id.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <li className={`cat-card cat-card-${i.relevance}`} aria-labelledby={headingId} data-indicator={i.id}>
      <div className="cat-card-head">
        <h5 id={headingId}>{i.label}</h5>
        <code>{i.id}</code>
      </div>
      <p className="cat-badges">
        <RelevanceBadge relevance={i.relevance} />
        <StatusBadge status={i.status} />
      </p>
      <p className="cat-desc" dir="auto">
        {i.description}
      </p>
      <dl className="cat-facts">
        <dt>{t('catalogue.formsSignalled')}</dt>
        <dd>
          {i.forms.length === 0 ? (
            <span className="muted">{t('catalogue.noneNamed')}</span>
          ) : (
            <ul className="cat-chips">
              {i.forms.map((f) => (
                <li key={f}>{formLabel(f)}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('catalogue.measurement')}</dt>
        <dd>{measurementText(i.measurement)}</dd>
        <dt>{t('catalogue.weight')}</dt>
        <dd>{fmtNumber(i.weight)}</dd>
        <dt>{t('catalogue.persistence')}</dt>
        <dd>{months(i.persistenceMonths)}</dd>
        <dt>{t('catalogue.observedAt')}</dt>
        <dd>{LEVEL_LABELS[i.level]}</dd>
        <dt>{t('catalogue.citation')}</dt>
        <dd className="cat-citation" dir="auto">
          {i.citation}
        </dd>
      </dl>
    </li>
  );
}

/**
 * A framework's heading: its full title in English; in another language its short title, which the
 * API translates (the full title it serves in English only).
 */
const frameworkHeading = (f: Framework): string => (currentLanguage() === 'en' ? f.title : f.shortTitle);

/** The filtered indicators as cards, under framework and group headings. */
export function IndicatorList({
  sections,
  forms,
}: {
  sections: readonly GroupSection[];
  forms: readonly ExploitationForm[];
}) {
  const labels = new Map(forms.map((f) => [f.id, f.label]));
  const formLabel = (id: string) => labels.get(id) ?? id;
  return (
    <div className="cat-list">
      {sections.map((s, k) => (
        <section key={s.groupId} className="cat-group" aria-labelledby={`grp-${k}`}>
          {(k === 0 || sections[k - 1]!.framework.id !== s.framework.id) && (
            <h3 className="cat-framework-head">{frameworkHeading(s.framework)}</h3>
          )}
          <h4 id={`grp-${k}`} className="cat-group-head">
            {s.group?.label ?? s.groupId}
            {s.group && <StatusBadge status={s.group.status} />}
          </h4>
          {s.group && (
            <p className="cat-group-desc muted" dir="auto">
              {s.group.description}
            </p>
          )}
          <ul className="cat-cards">
            {s.indicators.map((i) => (
              <IndicatorCard key={i.id} indicator={i} formLabel={formLabel} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
