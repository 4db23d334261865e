import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLanguage, t } from '../../web/i18n/messages.ts';
import { tilesMonth } from '../../web/queries/boundaries.ts';

afterEach(() => setCurrentLanguage('en'));

describe('the boundary upload report', () => {
  it('counts features with the plural of each language', () => {
    const read = (features: number) => t('boundaries.read', { features, level: 2, code: 'ADM2_PCODE' });
    expect(read(1)).toMatch(/^1 feature at level 2/);
    expect(read(3)).toMatch(/^3 features at level 2/);
    setCurrentLanguage('fr');
    expect(read(1)).toMatch(/^1 entité au/);
    expect(read(3)).toMatch(/^3 entités au/);
    setCurrentLanguage('ar');
    expect(read(1)).toContain('معلم واحد');
    expect(read(2)).toContain('معلمان');
    expect(read(3)).toContain('3 معالم');
  });
});

describe('which month the district tiles are asked for', () => {
  const sets = [
    { level: 2, validFrom: '2016-01-01' },
    { level: 2, validFrom: '2017-01-15' },
    { level: 1, validFrom: null },
    { level: 2, validFrom: '2016-01-01' },
  ];
  it('is the start of the validity period the month falls in, the same for every month in it', () => {
    expect(tilesMonth(sets, 2, '2016-01')).toBe('2016-01');
    expect(tilesMonth(sets, 2, '2016-07')).toBe('2016-01');
    expect(tilesMonth(sets, 2, '2017-01')).toBe('2016-01'); // version 2 takes effect mid-January
    expect(tilesMonth(sets, 2, '2017-02')).toBe('2017-02');
    expect(tilesMonth(sets, 2, '2019-05')).toBe('2017-02');
    expect(tilesMonth(sets, 2, '2014-03')).toBe('2016-01'); // before every set: the first
    expect(tilesMonth(sets, 1, '2016-07')).toBeNull(); // sets without dates: the active ones
  });
});
