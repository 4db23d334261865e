import { setParams, useLocation } from '../../lib/router.ts';
import { t } from '../../i18n/messages.ts';
import './data-entry.css';
import { ImportBox } from './import-box.tsx';
import { ObservationForm } from './observation-form.tsx';
import { RegionHistory } from './region-history.tsx';

/**
 * The Data page: add an observation, see and change a region's observations (every version, who and
 * when), and import files with a checked report first. The chosen region lives in the URL (`?region=`).
 */
export function DataPage() {
  const { params } = useLocation();
  const region = params.get('region');
  return (
    <main className="page data-page">
      <div className="data-columns">
        <div>
          <ObservationForm region={region} onRegion={(code) => setParams({ region: code })} />
          <ImportBox />
        </div>
        <section aria-label={t('entry.historyLabel')} className="data-history">
          <h2>{t('entry.history')}</h2>
          <RegionHistory key={region ?? ''} region={region} />
        </section>
      </div>
    </main>
  );
}
