import { MODEL_CONFIG } from '../../../indicators/index.ts';
import { CLASS_LABELS } from '../../charts/risk-colors.ts';
import { t } from '../../i18n/messages.ts';
import { prose, Section } from './scoring-sections.tsx';

const C = MODEL_CONFIG;

/** Country-level evidence and the country roll-up. */
export function RollUpSection() {
  return (
    <Section id="roll-up" title={t('methodology.rollUp.title')}>
      <p>{prose('methodology.rollUp.own', { discount: C.evidence.inheritedDiscount })}</p>
      <p>{prose('methodology.rollUp.highest', { insufficient: CLASS_LABELS['insufficient-data'].toLowerCase() })}</p>
    </Section>
  );
}

/** Trends and risers. */
export function TrendSection() {
  const [short, long] = C.trendMonths;
  return (
    <Section id="trends" title={t('methodology.trends.title')}>
      <p>{prose('methodology.trends.text', { short, long })}</p>
    </Section>
  );
}

/** The three alert rules with their thresholds. */
export function AlertSection() {
  const a = C.alerts;
  return (
    <Section id="alerts" title={t('methodology.alerts.title')}>
      <p>{t('methodology.alerts.intro')}</p>
      <ul>
        <li>{prose('methodology.alerts.classUp', { minClass: CLASS_LABELS[a.minClass].toLowerCase() })}</li>
        <li>
          {prose('methodology.alerts.sharpRise', {
            points: a.sharpRisePoints,
            months: a.baselineMonths,
            min: a.minBaselineMonths,
          })}
        </li>
        <li>{prose('methodology.alerts.newSign')}</li>
      </ul>
      <p>{t('methodology.alerts.level')}</p>
    </Section>
  );
}

/** The exploitation-form profile. */
export function FormSection() {
  const m = C.formRelevanceMultiplier;
  return (
    <Section id="forms" title={t('methodology.forms.title')}>
      <p>{prose('methodology.forms.text', { indirect: m.indirect })}</p>
    </Section>
  );
}
