/**
 * What kinds of personal data the check looks for, each with the phrase an error message uses.
 * Every pattern below has bounded quantifiers only, so each start position costs a constant number
 * of steps and a whole text is checked in time linear in its length (an unbounded `[^\s@]+@` tried
 * at every position of a long word is quadratic, which is how the first version of this check let a
 * 3,000-row import of 500-character notes hold the server for seconds).
 */
const KINDS = {
  email: 'an e-mail address',
  phone: 'a telephone number',
  birth: 'a date of birth',
  document: 'a passport or identity document number',
  nameAge: "a person's name next to an age",
} as const;

/** The kind of personal data found in a text. */
export type PersonalDataKind = keyof typeof KINDS;

// Characters people slip into an address to defeat filters: soft hyphen, zero-width spaces and joiners.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// "(at)", "[at]", "{at}", "<at>", " @ " and the same for "dot", written around an address to hide it.
const AT_WORD = /\s{0,3}[[({<]\s{0,3}(?:at|@)\s{0,3}[\])}>]\s{0,3}|\s{1,3}@\s{0,3}|\s{0,3}@\s{1,3}/gi;
const DOT_WORD = /\s{0,3}[[({<]\s{0,3}(?:dot|\.)\s{0,3}[\])}>]\s{0,3}/gi;
const EMAIL = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,6}\.\p{L}{2,24}/u;
// "jane dot doe at example dot org": spelled out, which needs at least one "dot" after the "at".
const EMAIL_SPELLED =
  /\b[\p{L}\p{N}_-]{1,64}\s{1,3}at\s{1,3}[\p{L}\p{N}-]{1,63}(?:\s{1,3}dot\s{1,3}[\p{L}\p{N}-]{1,63}){1,4}\b/iu;

// Telephone numbers: international (+44 20 7946 0958, 0044 …), national with the trunk 0 (020 7946 0958,
// 06 12 34 56 78, 0770 123 4567) and the North American 555-123-4567 / (555) 123-4567.
const PHONE_INTL = /(?<![\w+])(?:\+|\b00)\s{0,2}[1-9]\d{0,2}(?:[\s.-]{0,2}\(?\d{1,5}\)?){2,7}/g;
const PHONE_NATIONAL = /(?<![\w.,/-])\(?0\d{1,4}\)?(?:[ .-]?\d{2,5}){1,5}(?![\w/]|[.,-]\d)/g;
const PHONE_NANP = /(?<![\w.-])(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?';
const DATE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s{1,2}${MONTH},?\\s{1,2}\\d{4}|${MONTH}\\s{1,2}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,2}\\d{4})`;
// A birth keyword on its own ("DOB", "date of birth", "born on") or "born"/"b." right before a date.
const BIRTH = new RegExp(
  `\\b(?:date\\s{1,2}of\\s{1,2}birth|birth\\s{0,2}date|d\\.\\s?o\\.\\s?b\\.?|dob|born\\s{1,2}on|date\\s{1,2}de\\s{1,2}naissance)\\b|\\bnée?\\s{1,2}le\\b|(?:\\bborn|\\bb\\.)[\\s:,]{1,3}${DATE}`,
  'i',
);

// Identity documents: a keyword, then "no."/"number"/"#"/":" and a number ("Passport: P1234567",
// "ID card no. 123-456-789"), or a keyword right before a letter-prefixed number ("passport P1234567"),
// or the phrases that only ever introduce one ("passport number", "ID no."). "Confiscated passports",
// "lack of ID cards" and "UN document S/2017/249" describe an area or cite a source, and pass.
const DOC_KEY =
  "(?:passports?|passeport|pasaporte|id(?:entity)?\\s{0,2}cards?|identity\\s{1,2}documents?|national\\s{1,2}id(?:entity)?(?:\\s{1,2}cards?)?|carte\\s{1,2}d'identit[ée]|tazkira|ssn|nin)";
const DOCUMENT = new RegExp(
  [
    `\\b${DOC_KEY}\\s{0,2}(?:no\\.?|nr\\.?|num(?:ber)?\\.?|#|:)[\\s:#.-]{0,3}[a-z]{0,3}-?\\d[\\d\\s-]{2,18}\\d`,
    `\\b${DOC_KEY}\\s{1,2}[a-z]{1,3}-?\\d{5,12}\\b`,
    '\\b(?:passport|id(?:entity)?(?:\\s{1,2}card)?|national\\s{1,2}id(?:\\s{1,2}card)?)\\s{1,2}(?:no\\.?|nr\\.?|number)(?=[\\s:#.]|$)',
  ].join('|'),
  'i',
);

// Two to four capitalised words (a full name) next to an age: "Amina Yusuf, aged 14", "Jane Doe (34
// years old)", "14-year-old Amina Yusuf". "Girls aged 12–17 in Borno" has no full name and passes.
const NAME = "\\p{Lu}[\\p{Ll}'’-]{1,20}(?:\\s{1,2}\\p{Lu}[\\p{Ll}'’-]{1,20}){1,3}";
const AGE =
  '(?:aged?\\s{0,2}:?\\s{0,2}\\d{1,2}\\b|\\d{1,2}\\s{0,2}(?:-\\s{0,2})?(?:years?|yrs?|y\\/o|ans)\\b(?:[\\s-]{1,2}old)?|âgée?\\s{1,2}de\\s{1,2}\\d{1,2})';
const NAME_AGE = new RegExp(
  `${NAME}[\\s,;:(–-]{0,4}${AGE}|\\b\\d{1,2}[\\s-]{1,2}years?[\\s-]{1,2}old\\s{1,2}${NAME}`,
  'u',
);

const digits = (s: string) => s.replace(/\D/g, '').length;

function hasPhone(t: string): boolean {
  for (const m of t.matchAll(PHONE_INTL)) if (digits(m[0]) >= 8 && digits(m[0]) <= 15) return true;
  for (const m of t.matchAll(PHONE_NATIONAL)) if (digits(m[0]) >= 9 && digits(m[0]) <= 12) return true;
  return PHONE_NANP.test(t);
}

/**
 * The first kind of personal data `text` seems to hold, or null. The text is first folded the way
 * people hide an address (NFKC turns the full-width `＠` and digits into ASCII; invisible characters
 * go; "(at)" and "[dot]" become `@` and `.`), then searched for e-mail addresses (written out too),
 * telephone numbers in international and common national formats, dates of birth, passport and
 * identity-card numbers, and a full name next to an age. It is a guard rail, not a guarantee: the
 * rule for analysts is that free text describes an area, never a person (docs/data-import.md).
 * Runs in time linear in the length of `text` (bench: `checks.personal-data`).
 *
 * @example
 * personalDataIn('contact jane.doe(at)example.org') // 'email'
 * personalDataIn('Girls aged 12–17 recruited in two districts') // null
 */
export function personalDataIn(text: string): PersonalDataKind | null {
  const known = seen.get(text);
  if (known !== undefined) return known;
  if (seen.size >= SEEN_LIMIT) seen.clear();
  const kind = scan(text);
  seen.set(text, kind);
  return kind;
}

/**
 * Texts already scanned and what was found (a pure function of the text, so the answer is the same):
 * an import repeats one citation over thousands of rows, and the scan's regular expressions were a
 * tenth of its reading time. Bounded; emptied when full.
 */
const seen = new Map<string, PersonalDataKind | null>();
const SEEN_LIMIT = 4096;

function scan(text: string): PersonalDataKind | null {
  const t = text.normalize('NFKC').replace(INVISIBLE, '');
  const folded = t.replace(AT_WORD, '@').replace(DOT_WORD, '.');
  if (folded.includes('@') && EMAIL.test(folded)) return 'email';
  if (/\sat\s/i.test(t) && EMAIL_SPELLED.test(t)) return 'email';
  if (hasPhone(t)) return 'phone';
  if (BIRTH.test(t)) return 'birth';
  if (DOCUMENT.test(t)) return 'document';
  if (NAME_AGE.test(t)) return 'nameAge';
  return null;
}

/**
 * The kinds of free-text field a personal-data message names, in the plural: the message says
 * "<kind> are about the area", so a closed list keeps a singular ("citation are") from compiling.
 */
export type FreeTextKind = 'citations' | 'locators' | 'notes' | 'reasons' | 'file names';

/**
 * Why a free-text field may identify a person, or null when it looks clean. `what` names the kind of
 * field in the message: "looks like it contains an e-mail address; notes are about the area and must
 * never identify a person".
 */
export function personalDataProblem(text: string, what: FreeTextKind): string | null {
  const kind = personalDataIn(text);
  return kind && `looks like it contains ${KINDS[kind]}; ${what} are about the area and must never identify a person`;
}
