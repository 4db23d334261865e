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

const CONTENTS: [string, string][] = [
  ['lenses', 'Lenses'],
  ['normalisation', 'One scale'],
  ['ageing', 'Ageing'],
  ['aggregation', 'From indicators to a score'],
  ['evidence', 'Missing data and confidence'],
  ['classes', 'Classes'],
  ['roll-up', 'Countries and regions'],
  ['trends', 'Trends'],
  ['alerts', 'Alerts'],
  ['forms', 'Forms of exploitation'],
  ['scenarios', 'Scenarios'],
  ['sensitivity', 'Sensitivity'],
  ['inform', 'INFORM'],
  ['limits', 'Limits'],
];

/**
 * The methodology page (`/methodology`): how scores are made, in the project's own words. Every
 * number on it comes from the constants and functions the model runs on (`MODEL_CONFIG`, the
 * scenario files, `normalise`, `ageFactor`, a worked example scored live), so text and code cannot
 * drift apart; the sensitivity table is computed on the current data by the API.
 */
export function MethodologyPage() {
  return (
    <main className="page methodology">
      <h1 className="page-title">How Vigil scores risk</h1>
      <p className="lede">
        Vigil follows the method of the UNODC thematic paper on trafficking in persons in conflict situations (2018,
        section 4.1.3): take the indicators of existing conflict early-warning tools (the UN matrix on conflict-related
        sexual violence, the OSCE early-warning indicators and the UN Framework of Analysis for Atrocity Crimes), flag
        those that bear on trafficking, add trafficking-specific ones, and watch them region by region, month by month.
        Each score runs from 0 to 10 and says how strong the observed signs are, with how much evidence, and which
        indicators drive it.
      </p>
      <nav className="toc" aria-label="Contents">
        {CONTENTS.map(([id, label]) => (
          <a key={id} href={`#${id}`}>
            {label}
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
        Model version {MODEL_VERSION}; {MODEL_CONFIG.driverCount} drivers listed per score. The same text in prose:{' '}
        <code>docs/methodology.md</code>.
      </p>
    </main>
  );
}
