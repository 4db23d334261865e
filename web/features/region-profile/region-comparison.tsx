import { useQuery } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/index.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtScore } from '../../lib/format.ts';
import type { RegionProfile } from '../../queries/regions.ts';
import { scoreQueries, type MapScore } from '../../queries/scores.ts';
import { QueryStatus } from '../common/status.tsx';
import { t, translated } from '../../i18n/messages.ts';

interface Entry {
  code: string;
  name: string;
  role: 'this' | 'country' | 'neighbour' | 'region';
  row: MapScore | undefined;
}

const ROLE: Readonly<Record<Entry['role'], string>> = translated(
  ['this', 'country', 'neighbour', 'region'] as const,
  (r) => `compare.role.${r}`,
);

/**
 * The region next to its country and its neighbours (and, for a country, its highest-scoring
 * regions), on the same 0–10 bar scale. Missing scores say so instead of drawing an empty bar.
 */
export function RegionComparison({
  profile,
  period,
  lens,
  scenario,
  onSelectRegion,
}: {
  profile: RegionProfile;
  period: string;
  lens: Lens;
  scenario: string;
  onSelectRegion?: (code: string) => void;
}) {
  const level = profile.level === 0 ? 0 : 1;
  const same = useQuery(scoreQueries.map(period, lens, level, scenario));
  const countries = useQuery({ ...scoreQueries.map(period, lens, 0, scenario), enabled: level === 1 });
  const regions = useQuery({
    ...scoreQueries.map(period, lens, 1, scenario),
    enabled: level === 0 && profile.children.length > 0,
  });
  const by = (rows: readonly MapScore[] | undefined) => new Map((rows ?? []).map((r) => [r.region, r]));
  const sameBy = by(same.data?.rows);
  const entries: Entry[] = [{ code: profile.code, name: profile.name, role: 'this', row: sameBy.get(profile.code) }];
  if (profile.parent)
    entries.push({
      code: profile.parent.code,
      name: profile.parent.name,
      role: 'country',
      row: by(countries.data?.rows).get(profile.parent.code),
    });
  for (const n of profile.neighbours)
    entries.push({ code: n.code, name: n.name, role: 'neighbour', row: sameBy.get(n.code) });
  if (level === 0) {
    const childRows = by(regions.data?.rows);
    const top = profile.children
      .map((c) => ({ code: c.code, name: c.name, role: 'region' as const, row: childRows.get(c.code) }))
      .filter((e) => e.row?.score !== null && e.row?.score !== undefined)
      .sort((a, b) => (b.row!.score ?? 0) - (a.row!.score ?? 0))
      .slice(0, 3);
    entries.push(...top);
  }
  const [self, ...others] = entries;
  others.sort((a, b) => (b.row?.score ?? -1) - (a.row?.score ?? -1));
  return (
    <QueryStatus query={same} what={t('compare.theScores')}>
      <ul className="comparison" aria-label={t('compare.label')}>
        {[self!, ...others].map((e) => {
          const cls = asClass(e.row?.class);
          const score = e.row?.score ?? null;
          return (
            <li key={`${e.role}-${e.code}`} className={e.role === 'this' ? 'self' : undefined}>
              {e.role === 'this' || !onSelectRegion ? (
                <span className="cmp-name">{e.name}</span>
              ) : (
                <button type="button" className="link cmp-name" onClick={() => onSelectRegion(e.code)}>
                  {e.name}
                </button>
              )}
              <span className="cmp-role">{ROLE[e.role]}</span>
              <span className="bar" aria-hidden="true">
                {score !== null && <span style={{ width: `${score * 10}%`, background: CLASS_COLORS[cls] }} />}
              </span>
              <span className="cmp-score">{score === null ? CLASS_LABELS[cls] : fmtScore(score)}</span>
            </li>
          );
        })}
      </ul>
      {profile.neighbours.length === 0 && <p className="muted small">{t('compare.noNeighbours')}</p>}
    </QueryStatus>
  );
}
