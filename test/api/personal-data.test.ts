import { describe, expect, it } from 'vitest';
import { checkFreeText, checkText } from '../../api/services/observations/checks.ts';
import type { ObservationInput } from '../../api/services/observations/input.ts';
import { personalDataIn } from '../../api/services/observations/personal-data.ts';
import { AREA_SAMPLES, PERSONAL_SAMPLES } from '../fixtures/personal-data.ts';

/** An area-level note of about 500 characters with `inner` in the middle. */
const within = (inner: string) =>
  `${AREA_SAMPLES.slice(0, 4).join('. ')}. ${inner}. ${AREA_SAMPLES.slice(4, 8).join('. ')}.`;

describe('the personal-data check', () => {
  it.each(PERSONAL_SAMPLES)('finds $pattern ($text), alone and inside a long note', ({ text }) => {
    expect(personalDataIn(text)).not.toBeNull();
    expect(personalDataIn(within(text))).not.toBeNull();
  });

  it.each(AREA_SAMPLES.map((text) => ({ text })))('lets area-level text through: $text', ({ text }) => {
    expect(personalDataIn(text)).toBeNull();
  });

  it('names the kind it found', () => {
    expect(personalDataIn('jane.doe(at)example.org')).toBe('email');
    expect(personalDataIn('mobile 0770 123 4567')).toBe('phone');
    expect(personalDataIn('born 12 March 1990')).toBe('birth');
    expect(personalDataIn('Passport: P1234567')).toBe('document');
    expect(personalDataIn('Amina Yusuf, aged 14')).toBe('nameAge');
  });

  it('sees through invisible characters slipped into an address', () => {
    expect(personalDataIn('jane\u200b.doe@exa\u00admple.org')).toBe('email');
  });

  it('names the field in a sentence that agrees with it', () => {
    const address = 'write to jane.doe@example.org';
    const input = { source: { citation: address, locator: address }, note: address } as ObservationInput;
    const said = 'looks like it contains an e-mail address;';
    expect(checkFreeText(input)).toEqual([
      { field: 'source.citation', message: `${said} citations are about the area and must never identify a person` },
      { field: 'source.locator', message: `${said} locators are about the area and must never identify a person` },
      { field: 'note', message: `${said} notes are about the area and must never identify a person` },
    ]);
    expect(checkText('name', 'file names', 'jane.doe@example.org.csv')[0]?.message).toMatch(/; file names are about/);
  });
});
