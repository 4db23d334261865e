import { useState } from 'react';
import { RELEVANCES } from '../../../indicators/index.ts';
import type { ExploitationForm, Indicator, Relevance } from '../../../indicators/index.ts';
import { formAndNarrower, formsInOrder } from './catalogue-filter.ts';
import type { GroupSection } from './catalogue-groups.ts';
import { RELEVANCE_MARKS } from './labels.ts';
import { t } from '../../i18n/messages.ts';

interface Column {
  form: ExploitationForm;
  /** The last column: flagged indicators that name no form. */
  unnamed?: boolean;
  depth: number;
  /** The form ids a mark in this column stands for (the form alone, or its whole family). */
  covers: ReadonlySet<string>;
}

/** The last column, its heading in the page's language. */
const unnamedColumn = (): Column => ({
  form: {
    id: '-',
    parent: null,
    label: t('catalogue.noForm'),
    definition: t('catalogue.noForm.hint'),
    citation: '',
  },
  depth: 0,
  covers: new Set(),
  unnamed: true,
});

function columnsOf(forms: readonly ExploitationForm[], families: boolean): Column[] {
  const ordered = formsInOrder(forms);
  const columns = families
    ? ordered
        .filter((c) => c.depth === 0)
        .map(({ form }) => ({ form, depth: 0, covers: formAndNarrower(form.id, forms) }))
    : ordered.map(({ form, depth }) => ({ form, depth, covers: new Set([form.id]) }));
  return [...columns, unnamedColumn()];
}

const signals = (i: Indicator, c: Column) =>
  c.unnamed ? i.forms.length === 0 && i.relevance !== 'none' : i.forms.some((f) => c.covers.has(f));

function Cell({ indicator, column }: { indicator: Indicator; column: Column }) {
  if (!signals(indicator, column)) return <td className={`cat-cell${column.unnamed ? ' cat-unnamed' : ''}`} />;
  const r = indicator.relevance;
  return (
    <td className={`cat-cell cat-mark-${r}${column.unnamed ? ' cat-unnamed' : ''}`}>
      <span aria-hidden="true">{RELEVANCE_MARKS[r]}</span>
      <span className="sr-only">{t(`catalogue.cell.${r}`)}</span>
    </td>
  );
}

/**
 * The matrix of indicators (rows, under framework and group headings) × exploitation forms
 * (columns): ● where an indicator with direct trafficking relevance signals the form, ○ for indirect
 * relevance. Columns are every form, or the broad families with their narrower forms folded in, and
 * a last column for flagged indicators that name no form (so every flag shows).
 */
export function FormMatrix({
  sections,
  forms,
}: {
  sections: readonly GroupSection[];
  forms: readonly ExploitationForm[];
}) {
  const [families, setFamilies] = useState(false);
  const columns = columnsOf(forms, families);
  const rows = sections.flatMap((s) => s.indicators);
  const tally = (c: Column, r: Relevance) => rows.filter((i) => i.relevance === r && signals(i, c)).length;
  return (
    <div className="cat-matrix-wrap">
      <div className="cat-matrix-tools">
        <fieldset className="cat-toggle">
          <legend>{t('catalogue.columns')}</legend>
          <label>
            <input type="radio" name="matrix-columns" checked={!families} onChange={() => setFamilies(false)} />{' '}
            {t('catalogue.everyForm', { count: forms.length })}
          </label>
          <label>
            <input type="radio" name="matrix-columns" checked={families} onChange={() => setFamilies(true)} />{' '}
            {t('catalogue.families', { count: forms.filter((f) => f.parent === null).length })}
          </label>
        </fieldset>
        <p className="cat-legend" aria-label={t('catalogue.legend')}>
          {RELEVANCES.map((r) => (
            <span key={r} className={`cat-mark-${r}`}>
              <span aria-hidden="true">{RELEVANCE_MARKS[r]}</span> {t(`catalogue.legend.${r}`)}
            </span>
          ))}
        </p>
      </div>
      <div className="cat-matrix-scroll" tabIndex={0} role="region" aria-label={t('catalogue.matrix')}>
        <table className="cat-matrix">
          <caption className="sr-only">{t('catalogue.matrixCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="cat-rowhead">
                {t('catalogue.indicator')}
              </th>
              {columns.map((c) => (
                <th
                  key={c.form.id}
                  scope="col"
                  className={`cat-colhead depth-${c.depth}${c.unnamed ? ' cat-unnamed' : ''}`}
                  title={c.form.definition}
                >
                  <span>{c.form.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sections.map((s, k) => [
              (k === 0 || sections[k - 1]!.framework.id !== s.framework.id) && (
                <tr key={`${s.framework.id}-fw`} className="cat-fw-row">
                  <th scope="rowgroup" colSpan={columns.length + 1}>
                    {s.framework.shortTitle}
                  </th>
                </tr>
              ),
              <tr key={`${s.groupId}-grp`} className="cat-grp-row">
                <th scope="rowgroup" colSpan={columns.length + 1}>
                  {s.group?.label ?? s.groupId}
                </th>
              </tr>,
              ...s.indicators.map((i) => (
                <tr key={i.id} data-indicator={i.id}>
                  <th scope="row" className="cat-rowhead">
                    {i.label} <code>{i.id}</code>
                  </th>
                  {columns.map((c) => (
                    <Cell key={c.form.id} indicator={i} column={c} />
                  ))}
                </tr>
              )),
            ])}
          </tbody>
          <tfoot>
            {(['direct', 'indirect'] as const).map((r) => (
              <tr key={r}>
                <th scope="row" className="cat-rowhead">
                  {t(`catalogue.tally.${r}`)}
                </th>
                {columns.map((c) => (
                  <td key={c.form.id} className="num">
                    {tally(c, r)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </div>
  );
}
