import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../indicators/types.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import type { ModelConfig } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const num = (n: number) => (Number.isFinite(n) ? String(n) : 'NULL');

/**
 * Loads what the SQL model needs besides the observations: the catalogue (index, group, scale,
 * persistence, label and the rank of each id in `localeCompare` order), each lens's weights and
 * expected weight, and the regions with the rank of each code in `localeCompare` order (roll-up ties).
 * `obs(id, region, indicator, period, value, confidence)` must already be loaded.
 */
export async function loadModelTables(
  con: DuckDBConnection,
  catalogue: Pick<Catalogue, 'indicators'>,
  regions: readonly { code: string; level: number; parent: string | null }[],
  config: ModelConfig,
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
    `create or replace table ind (idx int, id varchar, gidx int, kind varchar, scale double, pers int, label varchar, id_rank int)`,
  );
  await con.run(
    `insert into ind values ${inds.map((i, k) => `(${k}, ${q(i.id)}, ${groups.indexOf(i.group)}, ${q(i.measurement.kind)}, ${num(scale(i.measurement))}, ${i.persistenceMonths}, ${q(i.label)}, ${idRank.get(i.id)})`).join(',')}`,
  );
  const lenses = LENSES.map((l) => prepareLens(catalogue, l, {}, config));
  await con.run(`create or replace table lw (lidx int, idx int, w double)`);
  await con.run(
    `insert into lw values ${lenses.flatMap((l, k) => l.indicators.map((li) => `(${k}, ${inds.indexOf(li.indicator)}, ${num(li.weight)})`)).join(',')}`,
  );
  await con.run(`create or replace table lens_meta (lidx int, lens varchar, expected double)`);
  await con.run(
    `insert into lens_meta values ${lenses.map((l, k) => `(${k}, ${q(l.lens)}, ${num(l.expectedWeight)})`).join(',')}`,
  );
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
 * Vigil's risk model written again in SQL, independently of the TypeScript: the latest observation
 * per indicator (own before inherited, then the higher id), ageing, two-level weighted means with
 * group voices, coverage, classes, confidence, top drivers, country roll-up and 3- and 12-month
 * trends. Creates table `scores_sql` with one row per lens, level, region and month (drivers as
 * a list of (indicator index, points, source region number), up to one more than shown, for ties). Keys are
 * integers throughout (regions and lenses numbered) so that DuckDB's joins and aggregates stay fast.
 */
export function modelSql(config: ModelConfig): string {
  const month = (col: string) => `(cast(substr(${col}, 1, 4) as int) * 12 + cast(substr(${col}, 6, 2) as int) - 1)`;
  const cls = [...config.classThresholds]
    .sort((a, b) => b.min - a.min)
    .map((t) => `when score >= ${t.min} then ${q(t.class)}`)
    .join(' ');
  const [short, long] = config.trendMonths;
  return `
create or replace temp table rid as select row_number() over (order by code)::int as rid, code, level, parent, code_rank from regions;

create or replace temp table o as
select o.id, r.rid, i.idx, ${month('o.period')} as m,
  case i.kind when 'severity' then least(1, greatest(0, o.value / i.scale))
              when 'count' then least(1, greatest(0, ln(1 + greatest(0, o.value)) / ln(1 + i.scale)))
              when 'rate' then least(1, greatest(0, o.value / i.scale))
              else case when o.value > 0 then 1 else 0 end end as v,
  case o.confidence when 'low' then 0 when 'medium' then 1 else 2 end as c
from obs o join ind i on i.id = o.indicator join rid r on r.code = o.region;

create or replace temp table bounds as select min(m) as first, max(m) as last from o;

create or replace temp table spans as
with ev as (
  select r.rid, r.level, o.idx, o.m, o.v, o.c, o.id, 0 as inh, null::int as src from o join rid r on r.rid = o.rid
  union all
  select k.rid, k.level, o.idx, o.m, o.v, o.c, o.id, 1, o.rid from o join rid p on p.rid = o.rid join rid k on k.parent = p.code and k.level = 1
), picked as (
  select rid, level, idx, m, arg_max(struct_pack(v := v, c := c, inh := inh, src := src), struct_pack(own := 1 - inh, id := id)) as b
  from ev group by all
), nexts as (
  select *, lead(m) over (partition by rid, idx order by m) as next_m from picked
)
select n.rid, n.level, n.idx, n.m, n.b.v as v, n.b.c as c, n.b.inh as inh, n.b.src as src,
  unnest(range(n.m, least(coalesce(n.next_m, b.last + 1), n.m + i.pers + 1, b.last + 1))) as t
from nexts n join ind i using (idx), bounds b;

create or replace temp table x as
select l.lidx, s.rid, s.level, s.t, s.idx, i.gidx, i.id_rank, l.w,
  l.w * (1 - (s.t - s.m)::double / (i.pers + 1)) as e, s.v, s.c, s.inh, s.src
from spans s join lw l using (idx) join ind i using (idx);

create or replace temp table g as
select lidx, rid, level, t, gidx, max(e) as voice, sum(e) as sume, sum(e * v) as sumev, count(*) as n, sum(w) as sumw, sum(e * c) as sumconf, sum(e * inh) as suminh
from x group by all;

create or replace temp table rs as
select lidx, rid, level, t, sum(voice) as tv, count(*) as ngroups, sum(n) as nind, sum(sume) as sume, sum(sumw) as sumw, sum(sumconf) as sumconf, sum(suminh) as suminh,
  least(10, greatest(0, 10 * sum(voice * sumev / sume) / sum(voice))) as score
from g group by all;

create or replace temp table drv as
select x.lidx, x.rid, x.level, x.t,
  arg_max(struct_pack(idx := x.idx, p := 10 * (g.voice / rs.tv) * (x.e * x.v) / g.sume, src := x.src),
          struct_pack(p := 10 * (g.voice / rs.tv) * (x.e * x.v) / g.sume, r := -x.id_rank), ${config.driverCount + 1}) as drivers
from x join g using (lidx, rid, level, t, gidx) join rs using (lidx, rid, level, t)
where x.e * x.v > 0
group by all;

create or replace temp table own_scores as
select rs.*, d.drivers, least(1, rs.sume / lm.expected) as coverage,
  rs.sumconf / rs.sume as conf_mean, rs.sume / rs.sumw as stale_ratio, rs.suminh / rs.sume as inh_share,
  case when rs.ngroups >= ${config.sufficiency.minGroups} or rs.nind >= ${config.sufficiency.minIndicators} then (case ${cls} else 'insufficient-data' end) else 'insufficient-data' end as class,
  greatest(0, least(round(rs.sumconf / rs.sume), case when rs.ngroups >= ${config.confidenceGroups.high} then 2 when rs.ngroups >= ${config.confidenceGroups.medium} then 1 else 0 end)
    - case when rs.sume / rs.sumw < ${config.staleAgeFactor} then 1 else 0 end
    - case when rs.suminh / rs.sume > ${config.inheritedShareLimit} then 1 else 0 end) as conf_grade
from rs left join drv d using (lidx, rid, level, t) join lens_meta lm using (lidx);

create or replace temp table rolled as
with cand as (
  select s.*, k.rid as kid, p.rid as country, 0 as is_own, k.code_rank from own_scores s join rid k on k.rid = s.rid and s.level = 1
  join rid p on p.code = k.parent and p.level = 0
  union all
  select s.*, s.rid, s.rid, 1, -1 from own_scores s where s.level = 0
)
select * from cand
qualify row_number() over (partition by lidx, country, t order by (class <> 'insufficient-data') desc, round(score, 9) desc, is_own desc, code_rank) = 1;

create or replace temp table lvl as
select lidx, 1 as level, rid, t, score, class, coverage, conf_grade, conf_mean, stale_ratio, inh_share, drivers, null::int as rolled_from, nind, ngroups
from own_scores where level = 1
union all
select lidx, 0, country, t, score, class, coverage, conf_grade, conf_mean, stale_ratio, inh_share,
  case when is_own = 1 then drivers else list_transform(drivers, d -> struct_pack(idx := d.idx, p := d.p, src := coalesce(d.src, kid))) end,
  case when is_own = 1 then null else kid end, nind, ngroups
from rolled;

create or replace table scores_sql as
select lm.lens, a.level, r.code as region, printf('%04d-%02d', a.t // 12, a.t % 12 + 1) as period, a.score, a.class, a.coverage,
  ['low', 'medium', 'high'][a.conf_grade::int + 1] as confidence, a.score - b.score as trend3, a.score - c.score as trend12,
  a.drivers, f.code as rolled_from, a.nind, a.ngroups, a.conf_mean, a.stale_ratio, a.inh_share
from lvl a join rid r on r.rid = a.rid join lens_meta lm on lm.lidx = a.lidx left join rid f on f.rid = a.rolled_from
left join lvl b on b.lidx = a.lidx and b.level = a.level and b.rid = a.rid and b.t = a.t - ${short}
left join lvl c on c.lidx = a.lidx and c.level = a.level and c.rid = a.rid and c.t = a.t - ${long};
`;
}
