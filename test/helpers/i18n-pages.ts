import type { Page } from 'playwright-core';
import en from '../../web/locales/en.json';

/** A message catalogue as its JSON file holds it (notes for reviewers included). */
export type Catalogue = Record<string, unknown>;

const messages = (c: Catalogue) =>
  Object.entries(c).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string');

/**
 * English a translated page must not show: every English message that the language words otherwise,
 * whole when it has no arguments, else the words before its first argument (when there are some).
 */
export function englishLeft(target: Catalogue): { whole: Set<string>; starts: string[] } {
  const whole = new Set<string>();
  const starts: string[] = [];
  for (const [key, text] of messages(en)) {
    if (target[key] === text) continue;
    const head = text.split('{')[0]!.trim();
    if (!text.includes('{')) whole.add(text);
    else if (/\p{L}{3,}/u.test(head) && head.length >= 8) starts.push(head);
  }
  return { whole, starts };
}

/** The visible text of the elements `selector` finds, one entry per element. */
export const visibleTexts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null || el.closest('summary'))
      .map((el) => ((el as HTMLElement).innerText || '').replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0),
  );

/** Words that read the same in every language: file formats, the product, the model's versions. */
export const SAME_IN_EVERY_LANGUAGE = new Set(['Vigil', 'PNG', 'SVG', 'CSV', 'v1', 'v2']);

/**
 * What in `texts` is left in English: an English message the language words otherwise, or (in Arabic)
 * a piece of text with Latin words and no Arabic one.
 */
export function untranslated(
  texts: readonly string[],
  lang: string,
  english: ReturnType<typeof englishLeft>,
): string[] {
  return texts.filter(
    (s) =>
      english.whole.has(s) ||
      english.starts.some((h) => s.startsWith(h)) ||
      (lang === 'ar' &&
        /\p{Script=Latin}{2,}/u.test(s) &&
        !/\p{Script=Arabic}/u.test(s) &&
        !SAME_IN_EVERY_LANGUAGE.has(s)),
  );
}

/**
 * Opens `path` on `page` in language `lang` (the `lang` query parameter, as a shared link carries it)
 * and waits for `ready`, something the view shows once loaded. The wait is a ceiling for a loaded machine.
 */
export async function openInLanguage(page: Page, baseUrl: string, path: string, lang: string, ready: string) {
  await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.waitForSelector(ready, { timeout: 240_000 });
}

/** The left and right edges, in page pixels, of the first element `selector` finds. */
export const horizontalEdges = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
