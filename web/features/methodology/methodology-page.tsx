import { MODEL_CONFIG, MODEL_VERSION } from '../../../indicators/index.ts';
import { AlertSection, FormSection, RollUpSection, TrendSection } from './monitoring-sections.tsx';
import {
  AgeingSection,
  AggregationSection,
  ClassSection,
  EvidenceSection,
  LensSection,
  SignsSection,
  NormalisationSection,
} from './scoring-sections.tsx';
import { InformSection, LimitsSection, ScenarioSection, SensitivitySection } from './weighting-sections.tsx';
import './methodology.css';
import { t, tRich } from '../../i18n/messages.ts';

/** The contents, in page order: section ids (their anchors) with their short names in the catalogues. */
const CONTENTS = [
  'lenses',
  'normalisation',
  'ageing',
  'aggregation',
  'evidence',
  'classes',
  'roll-up',
  'trends',
  'alerts',
  'forms',
  'scenarios',
  'sensitivity',
  'inform',
  'limits',
] as const;

/**
 * The methodology page (`/methodology`): how scores are made, in the project's own words. Every
 * number on it comes from the constants and functions the model runs on (`MODEL_CONFIG`, the
 * scenario files, `normalise`, `ageFactor`, a worked example scored live), so text and code cannot
 * drift apart; the sensitivity table is computed on the current data by the API.
 */
export function MethodologyPage() {
  return (
    <main className="page methodology">
      <h1 className="page-title">{t('methodology.title')}</h1>
      <p className="lede">{t('methodology.lede')}</p>
      <nav className="toc" aria-label={t('methodology.contents')}>
        {CONTENTS.map((id) => (
          <a key={id} href={`#${id}`}>
            {t(`methodology.toc.${id}`)}
          </a>
        ))}
      </nav>
      <LensSection />
      <NormalisationSection />
      <AgeingSection />
      <AggregationSection />
      <EvidenceSection />
      <SignsSection />
      <ClassSection />
      <RollUpSection />
      <TrendSection />
      <AlertSection />
      <FormSection />
      <ScenarioSection />
      <SensitivitySection />
      <InformSection />
      <LimitsSection />
      <p className="note">
        {tRich('methodology.note', {
          version: MODEL_VERSION,
          count: MODEL_CONFIG.driverCount,
          code: (c) => <code>{c}</code>,
        })}
      </p>
    </main>
  );
}
