import { useQuery } from '@tanstack/react-query';
import type { MethodBacktest, ShiftSummary, Standing } from '../../../indicators/index.ts';
import { validationQueries, type ValidationProgress, type ValidationResponse } from '../../queries/validation.ts';

const DASH = '—';
const num = (v: number | null | undefined, digits = 0) => (v == null ? DASH : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v == null ? DASH : `${Math.round(v * 100)} %`);

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
      <h1 className="page-title">Does the score hold up?</h1>
      <p className="lede">
        This page tests the risk model against what is known. The backtest scores each documented onset of trafficking
        in the bundled cases using only what was observed before it, and shows where the region stood among all scored
        regions. The sensitivity check changes one structural choice of the model at a time and measures how much the
        top of the ranking moves. The last part counts the region-months whose class differs between the earlier,
        mean-based model (v1) and the current one (v2).
      </p>
      {q.isError ? <p role="alert">The validation figures could not be loaded: {q.error.message}</p> : null}
      {q.data ? <ValidationBody data={q.data} /> : q.isPending ? <p>Loading…</p> : null}
    </main>
  );
}

function Progress({ p, label }: { p: ValidationProgress; label: string }) {
  return (
    <p className="validation-progress">
      {label} {p.done} of {p.total} steps… <progress value={p.done} max={p.total} aria-label="Validation progress" />
    </p>
  );
}

function ValidationBody({ data }: { data: ValidationResponse }) {
  if (data.status === 'computing') return <Progress p={data.computing} label="Computing the validation:" />;
  const s = data.sensitivity;
  return (
    <>
      <p className="validation-meta">
        Model version <strong>{data.modelVersion}</strong>, computed {new Date(data.computedAt).toUTCString()}.
      </p>
      {data.status === 'stale' ? (
        <div role="status" className="validation-stale">
          <p>
            Stale, being recomputed: the data changed since these figures were computed. They are the previous ones
            until the new run finishes.
          </p>
          {data.computing ? <Progress p={data.computing} label="Recomputing:" /> : null}
        </div>
      ) : null}

      <section aria-labelledby="backtest">
        <h2 id="backtest">Backtest on the documented onsets</h2>
        <p>
          Trafficking lens. For each onset: the region’s rank among the regions with a score (1 is the highest), its
          percentile, and its class, the month before and at onset, for v2 and v1 side by side. Lead time is how many
          months before the onset the region first entered the top tenth (looking back at most{' '}
          {data.backtest.leadWindow} months); “—” when it did not.
        </p>
        <div className="table-scroll">
          <table className="data-table validation-backtest">
            <thead>
              <tr>
                <th rowSpan={2}>Place</th>
                <th rowSpan={2}>Onset</th>
                <th rowSpan={2}>Source</th>
                <th colSpan={4}>v2</th>
                <th colSpan={4}>v1</th>
              </tr>
              <tr>
                {['v2', 'v1'].flatMap((m) => [
                  <th key={`${m}b`}>Month before</th>,
                  <th key={`${m}a`}>At onset</th>,
                  <th key={`${m}c`}>Class at onset</th>,
                  <th key={`${m}l`}>Lead</th>,
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
                    {r.onset.dated === 'year' ? <span className="muted"> (source gives the year only)</span> : null}
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
        <h2 id="sensitivity">Structural sensitivity</h2>
        <p>
          In the manner of the JRC audits of composite indicators: each variant changes one choice (aggregation,
          corroboration, persistence, inheritance, weights) and is compared with the baseline over {s.months} months at
          region level in the {s.lens === 'tip' ? 'trafficking' : s.lens} lens. “Top-{s.top} shift” is how many places
          the baseline’s top {s.top} regions move; “dropped” is the share of the baseline’s top-{s.top} region-months
          that lose their class, and so their rank, in the variant; Spearman is the rank correlation of all scored
          regions. Settings: top {s.top}, {s.months} months, {s.weightRuns} weight runs with a spread of ±
          {Math.round(s.weightSpread * 100)} %, seed {s.seed}.
        </p>
        <div className="table-scroll">
          <table className="data-table validation-sensitivity">
            <thead>
              <tr>
                <th>Variant</th>
                <th>Family</th>
                <th>Median top-{s.top} shift</th>
                <th>Worst top-{s.top} shift</th>
                <th>Dropped</th>
                <th>Median Spearman</th>
                <th>Lowest Spearman</th>
              </tr>
            </thead>
            <tbody>
              {s.variants.map((v) => (
                <tr key={v.id} data-variant={v.id}>
                  <td>{v.label}</td>
                  <td>{v.family}</td>
                  <ShiftCells x={v} />
                </tr>
              ))}
              <tr data-variant="overall" className="overall">
                <th scope="row">All variants</th>
                <td />
                <ShiftCells x={s.overall} />
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="class-changes">
        <h2 id="class-changes">Class changes from v1 to v2</h2>
        <ul className="validation-classes">
          {data.classChanges.map((c) => (
            <li key={c.lens} data-lens={c.lens}>
              <strong>{c.lens}</strong>:{' '}
              <span className="class-change-count">
                {c.changed} of {c.regionMonths} region-months change class
              </span>
              {c.transitions.length ? (
                <>
                  ; most often{' '}
                  {c.transitions
                    .slice(0, 3)
                    .map((t) => `${t.from} → ${t.to} (${t.count})`)
                    .join(', ')}
                </>
              ) : null}
              .
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function standing(s: Standing) {
  return s.rank == null
    ? DASH
    : `${s.rank} of ${s.of} (${s.percentile == null ? DASH : `${Math.round(s.percentile)}th pct`})`;
}

function MethodCells({ m, method }: { m: MethodBacktest; method: string }) {
  return (
    <>
      <td data-cell={`${method}-before`}>{standing(m.before)}</td>
      <td data-cell={`${method}-at`}>{standing(m.at)}</td>
      <td>{m.at.class || DASH}</td>
      <td>{m.leadMonths == null ? DASH : `${m.leadMonths} months`}</td>
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
