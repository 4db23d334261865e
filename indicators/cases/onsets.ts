import type { DocumentedOnset } from '../types.ts';

const UNODC = 'UNODC, Countering Trafficking in Persons in Conflict Situations, thematic paper (2018)';
const SG = 'Report of the Secretary-General on trafficking in persons in armed conflict, S/2017/939 (2017)';
const UNU =
  'UN University, Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council, workshop report (2016)';

/**
 * The documented onsets the backtest replays (see `shared/reference/cases.md`): every place of the
 * seeds that the bundled dataset maps to a region, at the month the seeds first date a trafficking
 * sign there. Most are dated only to the year by their source; the month is then the one the
 * bundled dataset records them in, and the backtest says so.
 */
export const DOCUMENTED_ONSETS: readonly DocumentedOnset[] = [
  {
    id: 'nineveh-2014-08',
    place: 'Nineveh (Sinjar), Iraq',
    region: 'IQ-NI',
    level: 1,
    month: '2014-08',
    dated: 'month',
    summary: 'ISIL attacks the Yazidis of Sinjar and begins enslaving women and girls as a matter of policy.',
    source: { title: UNODC, section: '§3.2 Atrocity crimes, Table 4 and its note b (attack of 3 August 2014)' },
  },
  {
    id: 'borno-2014-12',
    place: 'Borno, Nigeria',
    region: 'NG-BO',
    level: 1,
    month: '2014-12',
    dated: 'year',
    summary: 'Boko Haram first uses children in suicide attacks (four in 2014, across the Lake Chad Basin).',
    source: { title: UNU, section: 'Human trafficking and conflict: child recruitment' },
  },
  {
    id: 'far-north-2015-12',
    place: 'Far North, Cameroon',
    region: 'CM-EN',
    level: 1,
    month: '2015-12',
    dated: 'year',
    summary: 'Children used in Boko Haram suicide attacks reach Cameroon (44 children in 2015 across three countries).',
    source: { title: UNU, section: 'Human trafficking and conflict: child recruitment' },
  },
  {
    id: 'yemen-2015-12',
    place: 'Yemen',
    region: 'YEM',
    level: 0,
    month: '2015-12',
    dated: 'year',
    summary: 'Verified recruitment of children by armed groups is five times higher in 2015 than in 2014.',
    source: { title: UNODC, section: '§2.2.4 Use of children by armed and terrorist groups' },
  },
  {
    id: 'raqqa-2016-07',
    place: 'Raqqa, Syria',
    region: 'SY-RA',
    level: 1,
    month: '2016-07',
    dated: 'year',
    summary: 'An ISIL committee runs markets in enslaved Yazidi women and girls; Raqqa is named as a place of trade.',
    source: {
      title: UNU,
      section: 'Human trafficking and conflict: trafficking within and into conflict-affected areas',
    },
  },
  {
    id: 'mafraq-2016-07',
    place: 'Mafraq, Jordan',
    region: 'JO-MA',
    level: 1,
    month: '2016-07',
    dated: 'year',
    summary: 'Brokers run an organised trade in Syrian refugee girls sold as brides to older men.',
    source: { title: UNU, section: 'Human trafficking and conflict: trafficking from conflict-affected areas' },
  },
  {
    id: 'lebanon-2016-07',
    place: 'Lebanon',
    region: 'LBN',
    level: 0,
    month: '2016-07',
    dated: 'year',
    summary: 'Syrian refugee women held in sexual slavery in one place, bought through agents, are freed.',
    source: { title: UNU, section: 'Human trafficking and conflict: trafficking from conflict-affected areas' },
  },
  {
    id: 'calais-2016-07',
    place: 'Calais, France',
    region: 'FR-62',
    level: 1,
    month: '2016-07',
    dated: 'year',
    summary:
      'Young people in the informal camp are sexually exploited and made to commit crimes for a promised passage.',
    source: { title: UNU, section: 'Human trafficking and conflict: trafficking from conflict-affected areas' },
  },
  {
    id: 'kachin-2016-07',
    place: 'Kachin, Myanmar',
    region: 'MM-11',
    level: 1,
    month: '2016-07',
    dated: 'year',
    summary:
      'Displaced women without nationality or papers are named as most at risk, on boats and in smugglers’ camps.',
    source: { title: UNU, section: 'Human trafficking and conflict: trafficking from conflict-affected areas' },
  },
  {
    id: 'north-kivu-2016-07',
    place: 'North Kivu (eastern DRC)',
    region: 'CD-NK',
    level: 1,
    month: '2016-07',
    dated: 'year',
    summary: 'Armed groups in eastern DRC act as traffickers themselves, profiting from forced labour and services.',
    source: { title: UNU, section: 'Insights, A: Security Council leverage varies' },
  },
  {
    id: 'south-sudan-2017-03',
    place: 'South Sudan',
    region: 'SSD',
    level: 0,
    month: '2017-03',
    dated: 'month',
    summary: 'The Sanctions Committee is briefed on abductions of children for recruitment and other exploitation.',
    source: { title: SG, section: 'Paragraph 57 (sanctions regimes)' },
  },
  {
    id: 'philippines-2017-04',
    place: 'Philippines',
    region: 'PHL',
    level: 0,
    month: '2017-04',
    dated: 'year',
    summary: 'Armed and terrorist groups use 47 children as human shields in two incidents.',
    source: { title: SG, section: 'Paragraph 9 (children)' },
  },
  {
    id: 'libya-2017-05',
    place: 'Libya',
    region: 'LBY',
    level: 0,
    month: '2017-05',
    dated: 'month',
    summary: 'Migrants are reported sold in slave markets; the ICC Prosecutor tells the Council of it on 8 May 2017.',
    source: { title: SG, section: 'Paragraph 7 (recent developments)' },
  },
];
