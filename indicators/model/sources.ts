/**
 * The independent-source key of a document or analyst citation: the citation without case, accents,
 * punctuation or repeated spaces, so that two spellings of one report count as one source. A data
 * feed's observations carry their import profile's key instead (see {@link feedSourceKey}).
 * @example sourceKeyOf('UNODC, Countering Trafficking in Persons…  (2018)') === 'cite:unodc countering trafficking in persons 2018'
 */
export function sourceKeyOf(citation: string): string {
  return `cite:${citationWords(citation).slice(0, 200)}`;
}

/**
 * True when a citation has a letter or digit, so that {@link sourceKeyOf} can tell it from others
 * (a citation of punctuation alone would share the empty key with every other such citation).
 */
export function citesSomething(citation: string): boolean {
  return citationWords(citation) !== '';
}

function citationWords(citation: string): string {
  return citation
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The source key of everything derived from one data feed (an import profile): one feed is one
 * source, however many indicators and regions it informs.
 * @example feedSourceKey('ucdp') === 'feed:ucdp'
 */
export function feedSourceKey(profile: string): string {
  return `feed:${profile}`;
}
