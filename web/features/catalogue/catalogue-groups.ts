import { FRAMEWORK_IDS } from '../../../indicators/index.ts';
import type { Framework, Indicator, IndicatorGroup } from '../../../indicators/index.ts';

/** Indicators of one group, under its framework, as the list and the matrix show them. */
export interface GroupSection {
  framework: Framework;
  group: IndicatorGroup | undefined;
  groupId: string;
  indicators: Indicator[];
}

const numeric = (id: string) =>
  id
    .split(/[.-]/)
    .map((p) => (/^\d+$/.test(p) ? p.padStart(4, '0') : p))
    .join('.');

/**
 * Sorts indicators by framework (CRSV, OSCE, atrocity framework, trafficking set), then group, then id
 * with numbers in numeric order (7.2 before 7.10), and cuts them into one section per group.
 */
export function sectionsOf(
  indicators: readonly Indicator[],
  frameworks: readonly Framework[],
  groups: readonly IndicatorGroup[],
): GroupSection[] {
  const fw = new Map(frameworks.map((f) => [f.id, f]));
  const gr = new Map(groups.map((g) => [g.id, g]));
  const sorted = [...indicators].sort(
    (a, b) =>
      FRAMEWORK_IDS.indexOf(a.framework) - FRAMEWORK_IDS.indexOf(b.framework) ||
      numeric(a.group).localeCompare(numeric(b.group)) ||
      numeric(a.id).localeCompare(numeric(b.id)),
  );
  const out: GroupSection[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && last.groupId === i.group) last.indicators.push(i);
    else {
      const framework = fw.get(i.framework);
      if (framework) out.push({ framework, group: gr.get(i.group), groupId: i.group, indicators: [i] });
    }
  }
  return out;
}
