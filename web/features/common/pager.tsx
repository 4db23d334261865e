import { useState } from 'react';
import { t } from '../../i18n/messages.ts';

/** One page of `rows`, `size` at a time, with the page number kept in range when the rows change. */
export function usePaged<T>(rows: readonly T[], size: number) {
  const [wanted, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(wanted, pages);
  const first = (page - 1) * size;
  return { rows: rows.slice(first, first + size), page, pages, first, setPage };
}

/** Previous / next buttons and "Rows 21–40 of 57" under a table; nothing when it fits on one page. */
export function Pager({
  label,
  page,
  pages,
  first,
  shown,
  total,
  onPage,
}: {
  label: string;
  page: number;
  pages: number;
  first: number;
  shown: number;
  total: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.rows', { first: first + 1, last: first + shown, total, page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
