import { MODEL_CONFIG } from '../../../indicators/index.ts';
import type { Explanation } from '../../queries/scores.ts';
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
        <ul className="model-notes" aria-label="Notes on this score">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <p className="model-counts" data-testid="evidence-counts">
        {evidenceCounts(evidence)}
      </p>
      {model && explanation.score === null && (
        <p className="model-country">
          No score of its own: the sources below are its country&apos;s records, shown beside it and never as its score.
        </p>
      )}
      {model ? (
        <>
          <dl className="model-steps" hidden={explanation.score === null}>
            <dt>Prior</dt>
            <dd>{fmtScore(model.prior)}: the score with no evidence</dd>
            <dt>Evidence strength</dt>
            <dd>
              {n3(model.strength)} after the per-source caps → 10 · (1 − e<sup>−{n3(model.strength)}</sup>) ={' '}
              {fmtScore(model.raw)}
            </dd>
            <dt>Looked for, not found</dt>
            <dd>
              {model.absence > 0
                ? `${n3(model.absence)} → the score keeps ${Math.round(Math.exp(-model.absence) * 100)} % (× e^−${n3(model.absence)})`
                : 'none recorded'}
            </dd>
            <dt>Ceiling</dt>
            <dd>
              {model.ceiling !== null
                ? `${model.ceiling}: conditions only, no direct sign of the region's own (${fmtScore(model.raw)} before)`
                : explanation.lens === 'tip'
                  ? `none applied (without a direct sign of its own the trafficking lens stops at ${ev.conditionsCeiling})`
                  : 'none in this lens'}
            </dd>
            <dt>Score</dt>
            <dd>{explanation.score === null ? 'none of its own' : `${fmtScore(explanation.score)} / 10`}</dd>
          </dl>
          <div className="table-wrap">
            <table className="model-sources" aria-label="Independent sources">
              <thead>
                <tr>
                  <th scope="col">Independent source</th>
                  <th scope="col" className="num">
                    Indicators
                  </th>
                  <th scope="col" className="num" title="Evidence it brings before its cap">
                    Evidence
                  </th>
                  <th scope="col" className="num" title={`After the per-source cap of ${ev.sourceCap}`}>
                    Counted
                  </th>
                  <th scope="col" className="num" title="Looked for, not found (after its cap)">
                    Not found
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
          <p className="muted small">
            Each source&apos;s evidence saturates below {ev.sourceCap} however many indicators it reports, so one feed
            or one document cannot make a class alone; a class needs {ev.minSources} independent sources.
          </p>
        </>
      ) : (
        <p className="empty">
          {explanation.method === 'v1'
            ? 'Method v1 (the weighted mean kept for comparison) has no evidence breakdown.'
            : 'No evidence of its own: nothing to build a score from.'}
        </p>
      )}
    </div>
  );
}
