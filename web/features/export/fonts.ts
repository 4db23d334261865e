/**
 * The fonts an SVG export carries inside itself, so it looks the same on every machine (issue 20):
 * Arimo (`@fontsource/arimo`, SIL OFL), whose advance widths are Arial's, the metrics the layout
 * measures Latin text with, and for right-to-left exports also the bundled Noto Sans Arabic (its file
 * has Arabic glyphs only, so Latin falls through to Arimo). Each file is embedded whole, as a woff2
 * data URL: no subsetting tool runs in the browser, and the four Latin and two Arabic files are
 * 11–50 KB each.
 */

/** One font file embedded in an export. */
export interface EmbeddedFont {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** A `data:font/woff2;base64,…` URL. */
  url: string;
}

/** The Latin family of exports: metric-compatible with Arial, so the layout's measures hold. */
export const LATIN_FAMILY = 'Arimo';
/** The Arabic family of exports, the dashboard's bundled one. */
export const ARABIC_FAMILY = 'Noto Sans Arabic';

/** The `@font-face` rules of `fonts`, for an SVG's `<style>`. Pure. */
export function fontFaceCss(fonts: readonly EmbeddedFont[]): string {
  return fonts
    .map(
      (f) =>
        `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};src:url(${f.url}) format('woff2')}`,
    )
    .join('');
}

/** A data URL as Vite's `?inline` gives it, with the font's media type (Vite may leave it generic). */
const woff2 = (url: string) => url.replace(/^data:[^;,]*;base64,/, 'data:font/woff2;base64,');

/**
 * The font files an export in direction `dir` uses, loaded on first use (Vite inlines each file as a
 * data URL in a chunk of its own, fetched from the dashboard's server, never from the internet).
 */
export async function exportFonts(dir: 'ltr' | 'rtl'): Promise<EmbeddedFont[]> {
  const [regular, bold, italic] = await Promise.all([
    import('@fontsource/arimo/files/arimo-latin-400-normal.woff2?inline'),
    import('@fontsource/arimo/files/arimo-latin-700-normal.woff2?inline'),
    import('@fontsource/arimo/files/arimo-latin-400-italic.woff2?inline'),
  ]);
  const fonts: EmbeddedFont[] = [
    { family: LATIN_FAMILY, weight: 400, style: 'normal', url: woff2(regular.default) },
    { family: LATIN_FAMILY, weight: 700, style: 'normal', url: woff2(bold.default) },
    { family: LATIN_FAMILY, weight: 400, style: 'italic', url: woff2(italic.default) },
  ];
  if (dir === 'rtl') {
    const [ar, arBold] = await Promise.all([
      import('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2?inline'),
      import('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2?inline'),
    ]);
    fonts.unshift(
      { family: ARABIC_FAMILY, weight: 400, style: 'normal', url: woff2(ar.default) },
      { family: ARABIC_FAMILY, weight: 700, style: 'normal', url: woff2(arBold.default) },
    );
  }
  return fonts;
}
