import { direction, intlLocale } from '../i18n/languages.ts';
import { currentLanguage } from '../i18n/messages.ts';

/**
 * Numbers and months for display, in the current language through `Intl` (Arabic with Latin digits:
 * see `intlLocale`). Formatters are made once per language.
 */
const formatters = new Map<
  string,
  { one: Intl.NumberFormat; pct: Intl.NumberFormat; month: Intl.DateTimeFormat; long: Intl.DateTimeFormat }
>();
function fmt() {
  const locale = intlLocale(currentLanguage());
  let f = formatters.get(locale);
  if (!f) {
    f = {
      one: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
      pct: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
      month: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      long: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    formatters.set(locale, f);
  }
  return f;
}

/** A score to one decimal, or an em dash when there is none (missing is never shown as 0). */
export function fmtScore(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : fmt().one.format(Number(n.toFixed(1)));
}

/**
 * A change with its sign (`+1.2`, `−0.4`, `0.0`), or an em dash. Uses a true minus sign. Right to
 * left, a left-to-right mark goes first, or the sign would be drawn after the number (`0.4−`).
 */
export function fmtChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const r = Number(Math.abs(n).toFixed(1));
  const s = fmt().one.format(r);
  if (r === 0) return s;
  const signed = n > 0 ? `+${s}` : `−${s}`;
  return direction(currentLanguage()) === 'rtl' ? `\u200E${signed}` : signed;
}

/** A share 0..1 as a whole percentage. */
export function fmtPct(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : fmt().pct.format(Math.round(share * 100) / 100);
}

function monthDate(p: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** `2017-12` as `Dec 2017` (`déc. 2017`, `ديسمبر 2017`). */
export function fmtPeriod(p: string | null | undefined): string {
  if (!p) return '…';
  const d = monthDate(p);
  return d ? fmt().month.format(d) : p;
}

/** `2017-12` as `December 2017` (`décembre 2017`). */
export function fmtLongPeriod(p: string | null | undefined): string {
  if (!p) return '…';
  const d = monthDate(p);
  return d ? fmt().long.format(d) : p;
}

/** Counts below five are shown as `<5` in public views (do no harm). */
export function fmtCount(n: number): string {
  return n > 0 && n < 5 ? '<5' : new Intl.NumberFormat(intlLocale(currentLanguage())).format(n);
}

/** A plain number in the current language (decimal comma in French). */
export function fmtNumber(n: number): string {
  return new Intl.NumberFormat(intlLocale(currentLanguage()), { maximumFractionDigits: 2 }).format(n);
}

/** A moment as a date and time in UTC (`6 December 2026, 18:05 UTC`, `6 décembre 2026 à 18:05 UTC`). */
export function fmtDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = new Intl.DateTimeFormat(intlLocale(currentLanguage()), {
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  return `${f.format(d)} UTC`;
}
