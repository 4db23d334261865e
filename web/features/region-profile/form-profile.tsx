import type { Explanation } from '../../queries/scores.ts';
import { t } from '../../i18n/messages.ts';
import { fmtPct } from '../../lib/format.ts';
import { formLabel } from '../../i18n/catalogue-labels.tsx';

/** Which forms of exploitation the observed indicators point to, ranked, as shares of the evidence. */
export function FormProfile({ explanation }: { explanation: Explanation }) {
  const forms = [...explanation.forms].filter((f) => f.weight > 0).sort((a, b) => b.weight - a.weight);
  if (forms.length === 0) return <p className="empty">{t('forms.none')}</p>;
  const total = forms.reduce((s, f) => s + f.weight, 0);
  const max = forms[0]!.weight;
  return (
    <ul className="forms" aria-label={t('profile.forms')}>
      {forms.slice(0, 7).map((f) => (
        <li key={f.form}>
          <span className="form-label">{formLabel(f.form, f.label)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${(f.weight / max) * 100}%` }} />
          </span>
          <span className="share">{fmtPct(f.weight / total)}</span>
        </li>
      ))}
    </ul>
  );
}
