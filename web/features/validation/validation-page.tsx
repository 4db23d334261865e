import { useQuery } from '@tanstack/react-query';
import type { MethodBacktest, ShiftSummary, Standing } from '../../../indicators/index.ts';
import { LENSES, type Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { intl, t, tOr, tRich, type MessageId } from '../../i18n/messages.ts';
import { fmtDateTime, fmtPct } from '../../lib/format.ts';
import { LENS_LABELS } from '../../lib/view-params.ts';
import { validationQueries, type ValidationProgress, type ValidationResponse } from '../../queries/validation.ts';

const DASH = '—';
const num = (v: number | null | undefined, digits = 0) =>
  v == null ? DASH : intl().formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number | null | undefined) => (v == null ? DASH : fmtPct(v));
/** A score class from the API in words, or a dash. */
const classText = (c: string | null | undefined) => (c ? CLASS_LABELS[asClass(c)] : DASH);
/** A lens id in words (an unknown one as it comes). */
const lensText = (l: string) => ((LENSES as readonly string[]).includes(l) ? LENS_LABELS[l as Lens] : l);
/** A variant's label in the page's language: known variants by id, the weight draws with their spread. */
function variantText(v: { id: string; label: string }, spread: string, draws: number): string {
  if (v.id === 'weights') return t('validation.variantName.weights', { spread, draws });
  return tOr(`validation.variantName.${v.id}`, v.label);
}

/**
 * The validation page (`/validation`): how well the risk model would have flagged the documented
 * onsets, how much its ranking moves when its structural choices change, and how many region-months
 * change class between the mean-based v1 and the evidence-based v2. Figures come from
 * `GET /api/validation` (stored per model version; `vigil validate` computes them too).
 */
export function ValidationPage() {
  const q = useQuery(validationQueries.current());
  return (
    <main className="page validation">
      <h1 className="page-title">{t('validation.title')}</h1>
      <p className="lede">{t('validation.lede')}</p>
      {q.isError ? <p role="alert">{t('validation.failed', { message: q.error.message })}</p> : null}
      {q.data ? <ValidationBody data={q.data} /> : q.isPending ? <p>{t('profile.loading')}</p> : null}
    </main>
  );
}

function Progress({ p, message }: { p: ValidationProgress; message: MessageId }) {
  return (
    <p className="validation-progress">
      {t(message, { done: p.done, total: p.total })}{' '}
      <progress value={p.done} max={p.total} aria-label={t('validation.progress')} />
    </p>
  );
}

function ValidationBody({ data }: { data: ValidationResponse }) {
  if (data.status === 'computing') return <Progress p={data.computing} message="validation.computing" />;
  const s = data.sensitivity;
  const spread = fmtPct(s.weightSpread);
  return (
    <>
      <p className="validation-meta">
        {tRich('validation.meta', {
          version: data.modelVersion,
          when: fmtDateTime(data.computedAt),
          // The version is an id: kept left to right, or Arabic would turn "2026.2-evidence" around.
          strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
        })}
      </p>
      {data.status === 'stale' ? (
        <div role="status" className="validation-stale">
          <p>{t('validation.stale')}</p>
          {data.computing ? <Progress p={data.computing} message="validation.recomputing" /> : null}
        </div>
      ) : null}

      <section aria-labelledby="backtest">
        <h2 id="backtest">{t('validation.backtest')}</h2>
        <p>{t('validation.backtestText', { leadWindow: data.backtest.leadWindow })}</p>
        <div className="table-scroll">
          <table className="data-table validation-backtest">
            <thead>
              <tr>
                <th rowSpan={2}>{t('validation.place')}</th>
                <th rowSpan={2}>{t('validation.onset')}</th>
                <th rowSpan={2}>{t('validation.source')}</th>
                <th colSpan={4}>v2</th>
                <th colSpan={4}>v1</th>
              </tr>
              <tr>
                {['v2', 'v1'].flatMap((m) => [
                  <th key={`${m}b`}>{t('validation.monthBefore')}</th>,
                  <th key={`${m}a`}>{t('validation.atOnset')}</th>,
                  <th key={`${m}c`}>{t('validation.classAtOnset')}</th>,
                  <th key={`${m}l`}>{t('validation.lead')}</th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {data.backtest.rows.map((r) => (
                <tr key={r.onset.id} data-onset={r.onset.id} data-region={r.onset.region}>
                  <td>
                    {r.onset.place} <span className="muted">({r.onset.region})</span>
                  </td>
                  <td>
                    {r.onset.month}
                    {r.onset.dated === 'year' ? <span className="muted"> {t('validation.yearOnly')}</span> : null}
                  </td>
                  <td>
                    {r.onset.source.title}, {r.onset.source.section}
                  </td>
                  <MethodCells m={r.byMethod.v2} method="v2" />
                  <MethodCells m={r.byMethod.v1} method="v1" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="sensitivity">
        <h2 id="sensitivity">{t('validation.sensitivity')}</h2>
        <p>
          {t('validation.sensitivityText', {
            months: s.months,
            lens: lensText(s.lens),
            top: s.top,
            weightRuns: s.weightRuns,
            spread,
            seed: s.seed,
          })}
        </p>
        <div className="table-scroll">
          <table className="data-table validation-sensitivity">
            <thead>
              <tr>
                <th>{t('validation.variant')}</th>
                <th>{t('validation.family')}</th>
                <th>{t('validation.medianShift', { top: s.top })}</th>
                <th>{t('validation.worstShift', { top: s.top })}</th>
                <th>{t('validation.dropped')}</th>
                <th>{t('validation.medianSpearman')}</th>
                <th>{t('validation.lowestSpearman')}</th>
              </tr>
            </thead>
            <tbody>
              {s.variants.map((v) => (
                <tr key={v.id} data-variant={v.id}>
                  <td>{variantText(v, spread, s.weightRuns)}</td>
                  <td>{tOr(`validation.familyName.${v.family}`, v.family)}</td>
                  <ShiftCells x={v} />
                </tr>
              ))}
              <tr data-variant="overall" className="overall">
                <th scope="row">{t('validation.allVariants')}</th>
                <td />
                <ShiftCells x={s.overall} />
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="class-changes">
        <h2 id="class-changes">{t('validation.classChanges')}</h2>
        <ul className="validation-classes">
          {data.classChanges.map((c) => (
            <li key={c.lens} data-lens={c.lens}>
              <strong>{lensText(c.lens)}</strong>:{' '}
              <span className="class-change-count">
                {t('validation.changed', { changed: c.changed, regionMonths: c.regionMonths })}
              </span>
              {c.transitions.length
                ? t('validation.mostOften', {
                    transitions: intl().formatList(
                      c.transitions
                        .slice(0, 3)
                        .map((x) =>
                          t('validation.transition', { from: classText(x.from), to: classText(x.to), count: x.count }),
                        ),
                      { type: 'unit' },
                    ),
                  })
                : null}
              .
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function standing(s: Standing) {
  if (s.rank == null) return DASH;
  const percentile = s.percentile == null ? DASH : t('validation.percentile', { value: Math.round(s.percentile) });
  return t('validation.standing', { rank: s.rank, of: s.of ?? DASH, percentile });
}

function MethodCells({ m, method }: { m: MethodBacktest; method: string }) {
  return (
    <>
      <td data-cell={`${method}-before`}>{standing(m.before)}</td>
      <td data-cell={`${method}-at`}>{standing(m.at)}</td>
      <td>{classText(m.at.class)}</td>
      <td>{m.leadMonths == null ? DASH : t('validation.leadMonths', { months: m.leadMonths })}</td>
    </>
  );
}

function ShiftCells({ x }: { x: ShiftSummary }) {
  return (
    <>
      <td>{num(x.medianTopShift, 1)}</td>
      <td>{num(x.worstTopShift)}</td>
      <td>{pct(x.droppedShare)}</td>
      <td>{num(x.medianSpearman, 2)}</td>
      <td>{num(x.worstSpearman, 2)}</td>
    </>
  );
}
