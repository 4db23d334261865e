import { FRAMEWORK_IDS, RELEVANCES } from '../../../indicators/index.ts';
import type { ExploitationForm, FrameworkId, Indicator, Relevance } from '../../../indicators/index.ts';

/** What the catalogue browser shows: each part optional, all kept in the page's URL. */
export interface CatalogueFilter {
  framework: FrameworkId | null;
  relevance: Relevance | null;
  form: string | null;
  /** Also match indicators tagged with a narrower form (e.g. forced prostitution under sexual exploitation). */
  narrower: boolean;
  text: string;
}

const oneOf = <T extends string>(all: readonly T[], v: string | null): T | null =>
  v !== null && (all as readonly string[]).includes(v) ? (v as T) : null;

/** Reads the filter from the URL's query (unknown values are ignored). */
export function filterFromParams(p: URLSearchParams): CatalogueFilter {
  return {
    framework: oneOf(FRAMEWORK_IDS, p.get('framework')),
    relevance: oneOf(RELEVANCES, p.get('relevance')),
    form: p.get('form') || null,
    narrower: p.get('narrower') !== '0',
    text: p.get('q') ?? '',
  };
}

/** The form and every form below it in the hierarchy. */
export function formAndNarrower(id: string, forms: readonly ExploitationForm[]): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of forms) {
      if (f.parent && out.has(f.parent) && !out.has(f.id)) {
        out.add(f.id);
        grew = true;
      }
    }
  }
  return out;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * The indicators matching every part of the filter. Free text matches id, label, description,
 * citation and the labels of the forms an indicator signals; all words must match.
 */
export function filterIndicators(
  indicators: readonly Indicator[],
  f: CatalogueFilter,
  forms: readonly ExploitationForm[],
): Indicator[] {
  const wanted = f.form ? (f.narrower ? formAndNarrower(f.form, forms) : new Set([f.form])) : null;
  const formLabel = new Map(forms.map((x) => [x.id, x.label]));
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  return indicators.filter((i) => {
    if (f.framework && i.framework !== f.framework) return false;
    if (f.relevance && i.relevance !== f.relevance) return false;
    if (wanted && !i.forms.some((x) => wanted.has(x))) return false;
    if (words.length === 0) return true;
    const hay = fold(
      [i.id, i.label, i.description, i.citation, ...i.forms.map((x) => formLabel.get(x) ?? x)].join(' '),
    );
    return words.every((w) => hay.includes(w));
  });
}

/** Forms in hierarchy order (each broad form followed by the forms under it), with their depth. */
export function formsInOrder(forms: readonly ExploitationForm[]): { form: ExploitationForm; depth: number }[] {
  const out: { form: ExploitationForm; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const f of forms.filter((x) => x.parent === parent).sort((a, b) => a.label.localeCompare(b.label))) {
      out.push({ form: f, depth });
      visit(f.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
