import type { CatalogueStatus } from '../vocabulary.ts';
import type { IndicatorGroup } from '../types.ts';
import { SOURCES } from './sources.ts';

const AFAC = `${SOURCES.afac2014}, pp. 9–24`;

function afacGroup(n: number, label: string, description: string, status: CatalogueStatus): IndicatorGroup {
  return {
    id: `afac.rf${n}`,
    framework: 'afac',
    label: `RF${n} · ${label}`,
    description,
    citation: `${AFAC}, risk factor ${n}`,
    status,
  };
}

/** Risk factors 1–14 of the Atrocity Framework (titles marked `paraphrase` are unconfirmed). */
export const afacGroups: readonly IndicatorGroup[] = [
  afacGroup(
    1,
    'Armed conflict or serious instability',
    'War, or another grave political, security or economic crisis, that raises the chance of mass crimes.',
    'official-number',
  ),
  afacGroup(
    2,
    'Record of serious violations',
    'Grave breaches of human-rights and humanitarian law, past or ongoing, especially when nobody was held to account.',
    'official-number',
  ),
  afacGroup(
    3,
    'Weak state structures',
    'Institutions too weak to prevent or stop violence: courts, security forces and oversight bodies that do not work. Title unconfirmed.',
    'paraphrase',
  ),
  afacGroup(
    4,
    'Motives or incentives',
    'Interests, grievances or ideologies that could lead actors to turn violence on a group.',
    'official-number',
  ),
  afacGroup(
    5,
    'Capacity to commit atrocities',
    'The people, weapons, money and backing that would let an actor carry out large-scale violence.',
    'official-number',
  ),
  afacGroup(
    6,
    'Absence of mitigating factors',
    'Few domestic or outside forces able to restrain violence, such as civil society, independent media or engaged neighbours. Title unconfirmed.',
    'paraphrase',
  ),
  afacGroup(
    7,
    'Enabling circumstances or preparatory action',
    'Steps and conditions that make mass violence easier to commit, from emergency powers to targeting of particular groups.',
    'official-number',
  ),
  afacGroup(
    8,
    'Triggering factors',
    'Sudden events that can set off or speed up violence (indicators 8.1–8.12).',
    'official-number',
  ),
  afacGroup(
    9,
    'Inter-group tensions and discrimination',
    'Discrimination and friction between identity groups that can turn genocidal (specific to genocide).',
    'official-number',
  ),
  afacGroup(
    10,
    'Signs of intent to destroy a group',
    'Evidence that an actor means to destroy a protected group in whole or part (genocide). Title unconfirmed.',
    'paraphrase',
  ),
  afacGroup(
    11,
    'Signs of a widespread or systematic attack',
    'Evidence of a large or organised attack on a civilian population (crimes against humanity). Title unconfirmed.',
    'paraphrase',
  ),
  afacGroup(
    12,
    'Signs of a plan or policy against civilians',
    'Evidence of a state or organisational design behind attacks on civilians (crimes against humanity).',
    'official-number',
  ),
  afacGroup(
    13,
    'Threats to people protected by humanitarian law',
    'Serious dangers to civilians, captives and others whom the laws of war protect (war crimes).',
    'official-number',
  ),
  afacGroup(
    14,
    'Threats to humanitarian or peacekeeping operations',
    'Serious dangers to aid workers and peace operations and to the help they bring (war crimes).',
    'official-number',
  ),
];

const CRSV = `${SOURCES.crsv2011}; signal area known only from ${SOURCES.frameworkNotes}, §2, not from the seed documents; official heading not available`;

/**
 * Known signal areas of the CRSV matrix; its official headings are not available. Only the shadow war
 * economy is named in the seeds (UNODC 2018 §4.1.3, citing matrix p. 12); the other three rest on
 * Vigil's reference notes, and their citations say so.
 */
export const crsvGroups: readonly IndicatorGroup[] = [
  {
    id: 'crsv.mobility',
    framework: 'crsv',
    label: 'Mobility of women and girls',
    description:
      'Changes in where and how freely women and girls move through daily life: school, market, fields, water points.',
    citation: CRSV,
    status: 'paraphrase',
  },
  {
    id: 'crsv.armed-conduct',
    framework: 'crsv',
    label: 'Armed-group conduct',
    description:
      'How armed actors behave toward civilians: looting, deployment close to where people live, checkpoints.',
    citation: CRSV,
    status: 'paraphrase',
  },
  {
    id: 'crsv.rhetoric',
    framework: 'crsv',
    label: 'Rhetoric and propaganda',
    description: 'Inflammatory political speech and propaganda aimed at ethnic groups or at women.',
    citation: CRSV,
    status: 'paraphrase',
  },
  {
    id: 'crsv.war-economy',
    framework: 'crsv',
    label: 'Shadow war economy',
    description: 'The informal and illicit economy that conflict breeds, and the part women are pushed to play in it.',
    citation: `${SOURCES.crsv2011}, p. 12; cited in ${SOURCES.unodc2018}, §4.1.3`,
    status: 'paraphrase',
  },
];

const OSCE = `${SOURCES.osce}; dimensions as used in OSCE early-warning practice`;

/** OSCE dimensions and thematic areas, used as indicator groups. */
export const osceGroups: readonly IndicatorGroup[] = [
  {
    id: 'osce.politico-military',
    framework: 'osce',
    label: 'Politico-military dimension',
    description: 'Military build-ups, armed incidents and the breakdown of security arrangements.',
    citation: OSCE,
    status: 'paraphrase',
  },
  {
    id: 'osce.economic-environmental',
    framework: 'osce',
    label: 'Economic and environmental dimension',
    description: 'Economic decline, resource disputes and environmental stress that feed conflict.',
    citation: OSCE,
    status: 'paraphrase',
  },
  {
    id: 'osce.human',
    framework: 'osce',
    label: 'Human dimension',
    description: 'Human rights, fundamental freedoms, democratic institutions and the rule of law.',
    citation: OSCE,
    status: 'paraphrase',
  },
  {
    id: 'osce.national-minorities',
    framework: 'osce',
    label: 'National minorities',
    description: 'Tensions that involve national minorities and their treatment.',
    citation: OSCE,
    status: 'paraphrase',
  },
  {
    id: 'osce.media-freedom',
    framework: 'osce',
    label: 'Media freedom',
    description: 'Pressure on journalists and on the free flow of information.',
    citation: OSCE,
    status: 'paraphrase',
  },
  {
    id: 'osce.transnational-threats',
    framework: 'osce',
    label: 'Transnational threats',
    description: 'Threats that cross borders: organised crime, terrorism, illicit trafficking of goods and people.',
    citation: OSCE,
    status: 'paraphrase',
  },
];

const TIP = `Vigil trafficking set, from ${SOURCES.unodc2018}, ${SOURCES.sg2017} and ${SOURCES.unu2016}`;

/** Groups of Vigil's own trafficking-specific indicators. */
export const tipGroups: readonly IndicatorGroup[] = [
  {
    id: 'tip.sexual-slavery',
    framework: 'tip',
    label: 'Sexual exploitation, slavery and marriage',
    description: 'Signs that people are being enslaved, sold, sexually exploited or married off by force in the area.',
    citation: `${TIP}; UNODC 2018 §2.2.1–2.2.2`,
    status: 'added',
  },
  {
    id: 'tip.children',
    framework: 'tip',
    label: 'Children and armed groups',
    description: 'Recruitment, use, abduction, sale and sexual abuse of children by armed actors.',
    citation: `${TIP}; UNODC 2018 §2.2.4 and §3.4`,
    status: 'added',
  },
  {
    id: 'tip.labour-ransom-organs',
    framework: 'tip',
    label: 'Labour, debt, ransom and organs',
    description: 'Forced work, debt traps, captivity for ransom, organ removal and forced criminality.',
    citation: `${TIP}; UNODC 2018 §2.2.3 and §2.2.5`,
    status: 'added',
  },
  {
    id: 'tip.armed-group-economy',
    framework: 'tip',
    label: 'Armed-group economy and recruitment',
    description: 'How armed groups profit from or organise trafficking, and how they lure recruits.',
    citation: `${TIP}; UNODC 2018 §3.5; UNU 2016, implications for the Security Council, part A`,
    status: 'added',
  },
  {
    id: 'tip.displacement-routes',
    framework: 'tip',
    label: 'Displacement, routes and sites',
    description: 'Movements of people and the places along the way where they are most exposed.',
    citation: `${TIP}; UNODC 2018 §3.1`,
    status: 'added',
  },
  {
    id: 'tip.socio-economic',
    framework: 'tip',
    label: 'Socio-economic stress and negative coping',
    description: 'Hardship that pushes households toward harmful survival strategies.',
    citation: `${TIP}; UNODC 2018 §2.1 and §4.2.1`,
    status: 'added',
  },
  {
    id: 'tip.governance-demand',
    framework: 'tip',
    label: 'Governance, control and demand',
    description:
      'Who controls the area, whether officials are complicit, whether help exists, and what demand draws exploitation in.',
    citation: `${TIP}; UNODC 2018 §4.2.2`,
    status: 'added',
  },
  {
    id: 'tip.identification',
    framework: 'tip',
    label: 'Identification and screening',
    description: 'Aggregated counts from identification, screening and release: lagging but concrete signs.',
    citation: `${TIP}; UNODC 2018 §4.3.1 and annex II`,
    status: 'added',
  },
];

/** Every group of every framework. */
export const groups: readonly IndicatorGroup[] = [...afacGroups, ...crsvGroups, ...osceGroups, ...tipGroups];
