import type { DuckDBConnection } from '@duckdb/node-api';
import { CONFIDENCES, LENSES } from '../../indicators/index.ts';
import type { Catalogue, ModelConfig } from '../../indicators/index.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const num = (n: number) => (Number.isFinite(n) ? String(n) : 'NULL');

/**
 * Loads what the SQL model needs besides the observations: the catalogue as data (index, group,
 * scale, persistence, base weight, framework, relevance, the rank of each id in `localeCompare`
 * order), the lenses, and the regions with the rank of each code in `localeCompare` order (roll-up
 * ties). Lens weights are derived in SQL ({@link modelSql}). `obs(id, region, indicator, period,
 * value, confidence, source)` must already be loaded.
 */
export async function loadModelTables(
  con: DuckDBConnection,
  catalogue: Pick<Catalogue, 'indicators'>,
  regions: readonly { code: string; level: number; parent: string | null }[],
): Promise<void> {
  const inds = catalogue.indicators;
  const groups = [...new Set(inds.map((i) => i.group))];
  const idRank = new Map(
    [...inds.map((i, k) => [i.id, k] as const)]
      .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1])
      .map(([id], r) => [id, r]),
  );
  const scale = (m: (typeof inds)[number]['measurement']) =>
    m.kind === 'severity' ? m.max : m.kind === 'binary' ? 1 : m.saturation;
  await con.run(
    `create or replace table ind (idx int, id varchar, gidx int, kind varchar, scale double, pers_months int, label varchar, id_rank int, weight double, framework varchar, relevance varchar)`,
  );
  await con.run(
    `insert into ind values ${inds.map((i, k) => `(${k}, ${q(i.id)}, ${groups.indexOf(i.group)}, ${q(i.measurement.kind)}, ${num(scale(i.measurement))}, ${i.persistenceMonths}, ${q(i.label)}, ${idRank.get(i.id)}, ${num(i.weight)}, ${q(i.framework)}, ${q(i.relevance)})`).join(',')}`,
  );
  await con.run(`create or replace table lens_meta (lidx int, lens varchar)`);
  await con.run(`insert into lens_meta values ${LENSES.map((l, k) => `(${k}, ${q(l)})`).join(',')}`);
  const codeRank = new Map([...regions.map((r) => r.code)].sort((a, b) => a.localeCompare(b)).map((c, i) => [c, i]));
  await con.run(`create or replace table regions (code varchar, level int, parent varchar, code_rank int)`);
  const appender = await con.createAppender('regions');
  for (const r of regions) {
    appender.appendVarchar(r.code);
    appender.appendInteger(r.level);
    if (r.parent === null) appender.appendNull();
    else appender.appendVarchar(r.parent);
    appender.appendInteger(codeRank.get(r.code)!);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Vigil's risk model (method `v2`, the evidence model) written again in SQL, independently of the
 * TypeScript, as set operations: per region, indicator, source and own or country-level record, the
 * latest reading within persistence; hazards and absences; per-source `tanh` saturation; the score
 * `10 · (1 − e^(−H)) · e^(−G)`, the trafficking lens's ceiling without a sign of the region's own, and
 * no score without own evidence; classes by distinct sources, confidence, drivers (an indicator's
 * points summed over its readings), the country roll-up (unscored regions never win) and 3- and
 * 12-month trends. Creates table `scores_sql` with one row per lens, level, region and month (drivers
 * as a list of (indicator index, points, source region number), up to one more than shown, for
 * ties). Keys are integers throughout (regions, sources and lenses numbered) so that DuckDB's joins
 * and aggregates stay fast.
 */
export function modelSql(config: ModelConfig): string {
  const ev = config.evidence;
  const month = (col: string) => `(cast(substr(${col}, 1, 4) as int) * 12 + cast(substr(${col}, 6, 2) as int) - 1)`;
  const cls = [...config.classThresholds]
    .sort((a, b) => b.min - a.min)
    .map((t) => `when score >= ${num(t.min)} then ${q(t.class)}`)
    .join(' ');
  const relevance = Object.entries(config.tipRelevanceMultiplier)
    .map(([r, k]) => `when ${q(r)} then ${num(k)}`)
    .join(' ');
  const confFactor = `[${CONFIDENCES.map((c) => num(ev.confidenceFactor[c])).join(', ')}]`;
  const grade = (x: string, g: { medium: number; high: number }) =>
    `case when ${x} >= ${num(g.high)} then 2 when ${x} >= ${num(g.medium)} then 1 else 0 end`;
  const [short, long] = config.trendMonths;
  // Public scores count 1 to threshold − 1 people as the middle of that band (see config.smallCounts).
  const band = (v: string) =>
    config.smallCounts === 'band'
      ? `case when ${v} > 0 and ${v} < ${num(config.smallCountThreshold)} then ${num(config.smallCountThreshold / 2)} else ${v} end`
      : v;
  return `
create or replace temp table rid as select row_number() over (order by code)::int as rid, code, level, parent, code_rank from regions;

create or replace temp table lw as
select * from (
  select lm.lidx, i.idx, case lm.lens when 'overall' then greatest(0, i.weight)
    when 'tip' then greatest(0, i.weight) * case i.relevance ${relevance} else 0 end
    else case when i.framework = lm.lens then greatest(0, i.weight) else 0 end end as w
  from lens_meta lm cross join ind i
) where w > 0;

create or replace temp table lens_w as
select lm.lidx, lm.lens, lm.lens = 'tip' as is_tip, sum(lw.w) as expected from lens_meta lm join lw using (lidx) group by all;

create or replace temp table src as select row_number() over (order by source)::int as sid, source from (select distinct source from obs);

create or replace temp table o as
select o.id, r.rid, i.idx, s.sid, ${month('o.period')} as m,
  case i.kind when 'severity' then least(1, greatest(0, o.value / i.scale))
              when 'count' then least(1, greatest(0, ln(1 + greatest(0, ${band('o.value')})) / ln(1 + i.scale)))
              when 'rate' then least(1, greatest(0, o.value / i.scale))
              else case when o.value > 0 then 1 else 0 end end as v,
  case o.confidence when 'low' then 0 when 'medium' then 1 else 2 end as c
from obs o join ind i on i.id = o.indicator join rid r on r.code = o.region join src s on s.source = o.source;

create or replace temp table bounds as select min(m) as first, max(m) as last from o;

create or replace temp table spans as
with ev as (
  select rid, idx, sid, 0 as inh, m, v, c, id from o
  ${
    ev.inheritance
      ? `union all
  select k.rid, o.idx, o.sid, 1, o.m, o.v, o.c, o.id from o join rid p on p.rid = o.rid join rid k on k.parent = p.code and k.level = 1`
      : ''
  }
), picked as (
  select rid, idx, sid, inh, m, arg_max(struct_pack(v := v, c := c), id) as b from ev group by all
), nexts as (
  select *, lead(m) over (partition by rid, idx, sid, inh order by m) as next_m from picked
)
select n.rid, n.idx, n.sid, n.inh, n.m, n.b.v as v, n.b.c as c, i.pers,
  unnest(range(n.m, least(coalesce(n.next_m, b.last + 1), n.m + i.pers + 1, b.last + 1))) as t
from nexts n join (select idx, greatest(0, round(pers_months * ${num(ev.persistenceScale)}))::int as pers from ind) i using (idx), bounds b;

create or replace temp table x as
select lidx, rid, t, idx, sid, inh, gidx, direct, w, wf, v, c,
  case when v > 0 then ${num(ev.hazardPerWeight)} * base * v else 0 end as h,
  case when v > 0 then 0 else ${num(ev.absencePerWeight)} * base end as g
from (
  select l.lidx, s.rid, s.t, s.idx, s.sid, s.inh, i.gidx, i.relevance = 'direct' as direct, l.w, s.v, s.c,
    l.w * (1 - (s.t - s.m)::double / (s.pers + 1)) as wf,
    l.w * (1 - (s.t - s.m)::double / (s.pers + 1)) * ${confFactor}[s.c + 1] * case when s.inh = 1 then ${num(ev.inheritedDiscount)} else 1 end as base
  from spans s join lw l using (idx) join ind i using (idx)
);

create or replace temp table per_source as
select lidx, rid, t, sid, sum(h) as hs, sum(g) as gs,
  ${num(ev.sourceCap)} * tanh(sum(h) / ${num(ev.sourceCap)}) as hs_cap, ${num(ev.absenceCap)} * tanh(sum(g) / ${num(ev.absenceCap)}) as gs_cap
from x group by all;

create or replace temp table ev_sum as
select a.*, p.strength, p.absence, p.nsrc,
  10 * (1 - exp(-p.strength)) as raw, exp(-p.absence) as kept, 10 * (1 - exp(-p.strength)) * exp(-p.absence) as before,
  case when a.own = 0 then null
       when lm.is_tip and a.signs = 0 and 10 * (1 - exp(-p.strength)) * exp(-p.absence) > ${num(ev.conditionsCeiling)} then ${num(ev.conditionsCeiling)}
       else 10 * (1 - exp(-p.strength)) * exp(-p.absence) end as score,
  least(1, a.covw / lm.expected) as coverage
from (
  select lidx, rid, t, count(*) filter (where inh = 0) as own, count(*) filter (where inh = 0 and direct and v > 0) as signs,
    count(distinct idx) as nind, count(distinct gidx) as ngroups,
    sum(wf * case when inh = 1 then ${num(ev.inheritedDiscount)} else 1 end) as covw, sum(w) as wsum, sum(wf) as aged,
    coalesce(sum(wf) filter (where inh = 1), 0) as inhw, sum(wf * c) as confw
  from x group by all
) a join (
  select lidx, rid, t, sum(hs_cap) as strength, sum(gs_cap) as absence, count(*) as nsrc from per_source group by all
) p using (lidx, rid, t) join lens_w lm using (lidx);

create or replace temp table drv as
with pts as (
  select x.lidx, x.rid, x.t, x.idx, x.inh,
    case when x.h > 0 then e.raw * (x.h * ps.hs_cap / ps.hs) / e.strength
         else -e.raw * (1 - e.kept) * (x.g * ps.gs_cap / ps.gs) / e.absence end
      * case when e.before = 0 then 0 else e.score / e.before end as p
  from x join per_source ps using (lidx, rid, t, sid) join ev_sum e using (lidx, rid, t)
  where e.score is not null
), per_ind as (
  select lidx, rid, t, idx, sum(p) as p, min(inh) as all_inh from pts group by all
)
select d.lidx, d.rid, d.t,
  arg_max(struct_pack(idx := d.idx, p := d.p, src := case when d.all_inh = 1 then par.rid end),
          struct_pack(p := d.p, r := -i.id_rank), ${config.driverCount + 1}) as drivers
from per_ind d join ind i using (idx) join rid k on k.rid = d.rid left join rid par on par.code = k.parent
where d.p > 0
group by all;

create or replace temp table own_scores as
select e.lidx, e.rid, r.level, e.t, e.score, e.coverage, d.drivers, e.nind, e.ngroups, e.nsrc, e.signs, e.own,
  e.confw / e.aged as conf_mean, e.aged / e.wsum as stale_ratio, e.inhw / e.aged as inh_share,
  case when e.score is null or e.nsrc < ${config.evidence.minSources} then 'insufficient-data' else (case ${cls} else 'insufficient-data' end) end as class,
  case when e.score is not null then greatest(0, least(${grade('e.coverage', ev.confidenceCoverage)}, ${grade('e.nsrc', ev.confidenceSources)}, round(e.confw / e.aged))
    - case when e.aged / e.wsum < ${num(config.staleAgeFactor)} then 1 else 0 end
    - case when e.inhw / e.aged > ${num(config.inheritedShareLimit)} then 1 else 0 end) end as conf_grade
from ev_sum e join rid r using (rid) left join drv d using (lidx, rid, t);

create or replace temp table rolled as
with cand as (
  select s.*, k.rid as kid, p.rid as country, 0 as is_own, k.code_rank from own_scores s join rid k on k.rid = s.rid and s.level = 1
  join rid p on p.code = k.parent and p.level = 0
  where s.score is not null
  union all
  select s.*, s.rid, s.rid, 1, -1 from own_scores s where s.level = 0 and s.score is not null
)
select * from cand
qualify row_number() over (partition by lidx, country, t order by (class <> 'insufficient-data') desc, round(score, 9) desc, is_own desc, code_rank) = 1;

create or replace temp table lvl as
select lidx, 1 as level, rid, t, score, class, coverage, conf_grade, conf_mean, stale_ratio, inh_share, drivers, null::int as rolled_from, nind, ngroups, nsrc, signs, own
from own_scores where level = 1
union all
select lidx, 0, country, t, score, class, coverage, conf_grade, conf_mean, stale_ratio, inh_share,
  case when is_own = 1 then drivers else list_transform(drivers, d -> struct_pack(idx := d.idx, p := d.p, src := coalesce(d.src, kid))) end,
  case when is_own = 1 then null else kid end, nind, ngroups, nsrc, signs, own
from rolled;

create or replace table scores_sql as
select lm.lens, a.level, r.code as region, printf('%04d-%02d', a.t // 12, a.t % 12 + 1) as period, a.score, a.class, a.coverage,
  ['low', 'medium', 'high'][a.conf_grade::int + 1] as confidence, a.score - b.score as trend3, a.score - c.score as trend12,
  a.drivers, f.code as rolled_from, a.nind, a.ngroups, a.nsrc, a.signs, a.own, a.conf_mean, a.stale_ratio, a.inh_share
from lvl a join rid r on r.rid = a.rid join lens_meta lm on lm.lidx = a.lidx left join rid f on f.rid = a.rolled_from
left join lvl b on b.lidx = a.lidx and b.level = a.level and b.rid = a.rid and b.t = a.t - ${short}
left join lvl c on c.lidx = a.lidx and c.level = a.level and c.rid = a.rid and c.t = a.t - ${long};
`;
}
