import { MODEL_CONFIG } from '../../../indicators/index.ts';
import type { Explanation } from '../../queries/scores.ts';
import { t, tRich } from '../../i18n/messages.ts';
import { fmtScore } from '../../lib/format.ts';
import { evidenceCounts } from '../common/evidence-text.ts';

const n3 = (x: number) => x.toFixed(3);

/**
 * How the evidence built the score (method v2), as the explanation's `model` gives it: the notes,
 * the evidence counts, the prior, the evidence strength after the per-source caps and what it alone
 * would score, the "looked for, not found" factor, the conditions ceiling when it applied, and one
 * row per independent source with its evidence before and after its cap.
 */
export function EvidenceModel({ explanation }: { explanation: Explanation }) {
  const { model, notes, evidence } = explanation;
  const ev = MODEL_CONFIG.evidence;
  return (
    <div className="evidence-model">
      {notes.length > 0 && (
        <ul className="model-notes" aria-label={t('model.notes')}>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <p className="model-counts" data-testid="evidence-counts">
        {evidenceCounts(evidence)}
      </p>
      {model && explanation.score === null && <p className="model-country">{t('model.countryOnly')}</p>}
      {model ? (
        <>
          <dl className="model-steps" hidden={explanation.score === null}>
            <dt>{t('model.prior')}</dt>
            <dd>{t('model.priorValue', { prior: fmtScore(model.prior) })}</dd>
            <dt>{t('model.strength')}</dt>
            <dd>
              {tRich('model.strengthValue', {
                strength: n3(model.strength),
                raw: fmtScore(model.raw),
                sup: (chunks) => <sup>{chunks}</sup>,
                formula: (chunks) => <bdi dir="ltr">{chunks}</bdi>,
              })}
            </dd>
            <dt>{t('driver.absent')}</dt>
            <dd>
              {model.absence > 0
                ? tRich('model.absenceValue', {
                    absence: n3(model.absence),
                    keeps: Math.round(Math.exp(-model.absence) * 100),
                    formula: (chunks) => <bdi dir="ltr">{chunks}</bdi>,
                  })
                : t('model.noneRecorded')}
            </dd>
            <dt>{t('model.ceiling')}</dt>
            <dd>
              {model.ceiling !== null
                ? t('model.ceilingValue', { ceiling: model.ceiling, raw: fmtScore(model.raw) })
                : explanation.lens === 'tip'
                  ? t('model.ceilingNone', { ceiling: ev.conditionsCeiling })
                  : t('model.ceilingNotInLens')}
            </dd>
            <dt>{t('model.score')}</dt>
            <dd>
              {explanation.score === null
                ? t('model.noneOwn')
                : t('tooltip.outOfTen', { score: fmtScore(explanation.score) })}
            </dd>
          </dl>
          <div className="table-wrap">
            <table className="model-sources" aria-label={t('model.sources')}>
              <thead>
                <tr>
                  <th scope="col">{t('model.source')}</th>
                  <th scope="col" className="num">
                    {t('model.indicators')}
                  </th>
                  <th scope="col" className="num" title={t('model.evidenceTitle')}>
                    {t('model.evidence')}
                  </th>
                  <th scope="col" className="num" title={t('model.countedTitle', { cap: ev.sourceCap })}>
                    {t('model.counted')}
                  </th>
                  <th scope="col" className="num" title={t('model.notFoundTitle')}>
                    {t('model.notFound')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {model.sources.map((s) => (
                  <tr key={s.source} data-source={s.source}>
                    <td className="source">{s.label}</td>
                    <td className="num">{s.indicators}</td>
                    <td className="num">{n3(s.evidence)}</td>
                    <td className="num">{n3(s.counted)}</td>
                    <td className="num">{s.absence > 0 ? n3(s.absence) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('model.capNote', { cap: ev.sourceCap, min: ev.minSources })}</p>
        </>
      ) : (
        <p className="empty">{explanation.method === 'v1' ? t('model.v1') : t('model.noEvidence')}</p>
      )}
    </div>
  );
}
