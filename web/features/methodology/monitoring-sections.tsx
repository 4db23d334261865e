import { MODEL_CONFIG } from '../../../indicators/index.ts';
import { CLASS_LABELS } from '../../charts/risk-colors.ts';
import { Section } from './scoring-sections.tsx';

const C = MODEL_CONFIG;

/** Country-level evidence and the country roll-up. */
export function RollUpSection() {
  return (
    <Section id="roll-up" title="Countries and their regions">
      <p>
        Observations can be recorded for a country or a first-level region (a site or a route counts for the region it
        lies in). A region&apos;s score rests on its <strong>own</strong> evidence. A record made for the whole country
        is shown beside each of its regions (&ldquo;country-level evidence&rdquo; in the tooltip, the profile and the
        brief) and counts at {C.evidence.inheritedDiscount} of its weight in a region that has evidence of its own; it
        is never a region&apos;s only evidence. A region with country-level records only has no score of its own: it is
        drawn dotted as <em>country-level records only</em> and never listed among hotspots, risers or alerts. The
        country itself keeps the score of its country-level records.
      </p>
      <p>
        A country on the world map shows the highest of its own score and its regions&apos; scores, so that a hotspot in
        one province is visible at country level; the map and the explanation name the region the score came from. A
        classed score always beats an <em>{CLASS_LABELS['insufficient-data'].toLowerCase()}</em> one, so one thin report
        in one province cannot colour a whole country; on equal scores the country&apos;s own wins.
      </p>
    </Section>
  );
}

/** Trends and risers. */
export function TrendSection() {
  const [short, long] = C.trendMonths;
  return (
    <Section id="trends" title="Trends and risers">
      <p>
        Each score carries its change over {short} and {long} months (the score now minus the score then, on the same
        lens and scenario), or nothing when either month has no score. Risers are the classed regions whose score rose
        most over the chosen window. A trend compares scores, not evidence: a rise can come from a worse report or from
        a lower-scoring report ageing out, and the explanation shows which.
      </p>
    </Section>
  );
}

/** The three alert rules with their thresholds. */
export function AlertSection() {
  const a = C.alerts;
  return (
    <Section id="alerts" title="Alerts">
      <p>Each month, three rules can raise an alert, each with a one-line reason:</p>
      <ul>
        <li>
          <strong>Class crossed upward</strong>: the region is now classed {CLASS_LABELS[a.minClass].toLowerCase()} or
          higher, and in a higher class than the month before (including the first month it has enough evidence for a
          class).
        </li>
        <li>
          <strong>Sharp rise</strong>: the score is more than {a.sharpRisePoints} points above the region&apos;s own
          mean over the previous {a.baselineMonths} months (counting only months with a class, and at least{' '}
          {a.minBaselineMonths} of them). Measuring against the region&apos;s own past keeps a chronically high region
          from alerting every month and lets a quiet region&apos;s jump stand out.
        </li>
        <li>
          <strong>New direct sign of trafficking</strong>: an indicator flagged as a direct sign was observed this
          month, above zero, where the region had no current observation of it the month before.
        </li>
      </ul>
      <p>
        A first-level region alerts only on evidence of its own; a change recorded for a whole country alerts once, on
        the country, rather than once per province.
      </p>
    </Section>
  );
}

/** The exploitation-form profile. */
export function FormSection() {
  const m = C.formRelevanceMultiplier;
  return (
    <Section id="forms" title="Which forms of exploitation">
      <p>
        Each catalogue indicator names the forms of exploitation it signals (sexual slavery, recruitment of children,
        forced labour, forced marriage…). A region&apos;s profile ranks forms by the evidence pointing to them: every
        observed indicator lends its weight × age factor × value to each form it signals, counted in full for direct
        signs and at {m.indirect} for indirect ones. The shares show where the observed evidence points, not how many
        people are affected.
      </p>
    </Section>
  );
}
