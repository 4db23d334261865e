import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No new hard-coded UI text: the dashboard's components say things through the message catalogues
 * (`t('key')`), so French and Arabic readers never meet an English sentence. The scan reads each
 * `web/**\/*.tsx` with the TypeScript parser and reports what a person would read or hear:
 * - JSX text with a word in it (`<button>Save</button>`);
 * - a string in an attribute people read or hear (`aria-label`, `title`, `placeholder`, `alt`, and the
 *   `label`, `what` and `unavailable` props our controls and status lines show), directly or as a branch
 *   of `?:`, `&&`, `||`, `??` or the text of a template;
 * - the same kinds of string as a JSX child expression (`{busy ? 'Saving…' : 'Save'}`).
 * Strings inside calls (`t('map.title')`, `fmtPeriod(p)`), class names, ids and data attributes are not
 * UI text. Text in plain `.ts` modules (label tables, export layouts) is outside this scan.
 */
const UI_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'what', 'unavailable']);

/** Words that read the same in every language: file formats and the product's name. */
const NOT_UI_TEXT = new Set(['PNG', 'SVG', 'CSV', 'HXL CSV', 'GeoJSON', 'Vigil']);

const WORD = /\p{L}{2,}/u;

/** One piece of hard-coded UI text: where it is and what it says. */
export interface HardCoded {
  line: number;
  text: string;
}

/** The hard-coded UI text of one `.tsx` source (see the file comment for what counts). */
export function hardCodedText(source: string, fileName = 'component.tsx'): HardCoded[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCoded[] = [];
  const add = (node: ts.Node, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (WORD.test(clean) && !NOT_UI_TEXT.has(clean))
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: clean });
  };
  const strings = (e: ts.Expression): void => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) add(e, e.text);
    else if (ts.isTemplateExpression(e)) add(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(e)) strings(e.expression);
    else if (ts.isConditionalExpression(e)) {
      strings(e.whenTrue);
      strings(e.whenFalse);
    } else if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        e.operatorToken.kind,
      )
    ) {
      strings(e.left);
      strings(e.right);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxAttribute(node) && UI_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) add(value, value.text);
      else if (ts.isJsxExpression(value) && value.expression) strings(value.expression);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) strings(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Pages not yet moved to the catalogues (issue 20): their text is still English. Each must still have
 * hard-coded text, so translating a page means taking it off this list, and the scan then keeps it clean.
 */
const PENDING = new Set<string>([]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('hard-coded UI text', () => {
  it('is found in JSX text, read attributes and string branches, and not in calls, class names or data', () => {
    const planted = `
      export function Planted({ busy, name }: { busy: boolean; name: string }) {
        return (
          <div className="export-panel" data-testid="planted" aria-label={t('export.label')}>
            <button type="button" title="Close the panel">Save</button>
            <input placeholder={\`Search \${name}\`} />
            <Status what="the scores" />
            <span>{busy ? 'Saving…' : t('map.retry')}</span>
            <span>{name} · {fmtPeriod('2017-11')}</span>
            <small>PNG</small>
          </div>
        );
      }`;
    expect(hardCodedText(planted)).toEqual([
      { line: 5, text: 'Close the panel' },
      { line: 5, text: 'Save' },
      { line: 6, text: 'Search' },
      { line: 7, text: 'the scores' },
      { line: 8, text: 'Saving…' },
    ]);
  });

  it('is gone from every translated view of the dashboard', () => {
    const files = tsxFiles('web').map((f) => f.split('\\').join('/'));
    expect(files.length).toBeGreaterThan(60);
    const left = files
      .filter((f) => !PENDING.has(f))
      .flatMap((f) => hardCodedText(readFileSync(f, 'utf8'), f).map((h) => `${f}:${h.line}: ${h.text}`));
    expect(left).toEqual([]);
  });

  it('is still in every page listed as pending (take a page off the list once it is translated)', () => {
    const clean = [...PENDING].filter((f) => !existsSync(f) || hardCodedText(readFileSync(f, 'utf8'), f).length === 0);
    expect(clean).toEqual([]);
  });
});
