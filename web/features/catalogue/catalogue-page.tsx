import { useQuery } from '@tanstack/react-query';
import { setParams, useLocation } from '../../lib/router.ts';
import { catalogueQueries } from '../../queries/catalogue.ts';
import { QueryStatus } from '../common/status.tsx';
import { CatalogueAbout } from './catalogue-about.tsx';
import { filterFromParams, filterIndicators } from './catalogue-filter.ts';
import { sectionsOf } from './catalogue-groups.ts';
import { Tabs, type Tab } from './catalogue-tabs.tsx';
import { FilterBar } from './filter-bar.tsx';
import { FormMatrix } from './form-matrix.tsx';
import { IndicatorList } from './indicator-list.tsx';
import { VersionsPanel } from './versions-panel.tsx';
import './catalogue.css';
import { useLanguage } from '../../i18n/language-provider.tsx';

type View = 'list' | 'matrix' | 'versions' | 'about';
const TABS: readonly Tab<View>[] = [
  { id: 'list', label: 'Indicators' },
  { id: 'matrix', label: 'Matrix by exploitation form' },
  { id: 'versions', label: 'Versions' },
  { id: 'about', label: 'About this catalogue' },
];

/**
 * The indicator catalogue: every indicator of the three flagged frameworks and Vigil's trafficking set,
 * filterable by framework, relevance, exploitation form and text, as cards or as a matrix against the
 * forms; the versions with their diffs and the admin import; and the method behind the flags.
 */
export function CataloguePage() {
  const { params } = useLocation();
  const view = (TABS.find((t) => t.id === params.get('view'))?.id ?? 'list') as View;
  const filter = filterFromParams(params);
  const { lang } = useLanguage();
  const frameworks = useQuery(catalogueQueries.frameworks(lang));
  const indicators = useQuery(catalogueQueries.indicators(lang));
  const forms = useQuery(catalogueQueries.forms(lang));
  const groups = useQuery(catalogueQueries.groups(lang));
  const versions = useQuery(catalogueQueries.versions());
  const current = versions.data?.find((v) => v.isCurrent);

  const all = indicators.data;
  const shown = all && forms.data ? filterIndicators(all, filter, forms.data) : [];
  const sections = sectionsOf(shown, frameworks.data ?? [], groups.data ?? []);
  const reads = [frameworks, indicators, forms, groups];
  const pending = reads.find((q) => q.isPending || q.isError) ?? indicators;

  return (
    <main className="page cat-page" aria-labelledby="cat-title">
      <header className="cat-header">
        <h2 id="cat-title">Indicator catalogue</h2>
        <p className="muted">
          {current ? `Version ${current.id}` : 'Catalogue'} · the early-warning indicators of three conflict frameworks,
          each flagged for its trafficking relevance, and Vigil’s own trafficking-specific indicators (UNODC 2018
          thematic paper, §4.1.3).{' '}
          <a
            href="?view=about"
            onClick={(e) => {
              e.preventDefault();
              setParams({ view: 'about' }, { replace: false });
            }}
          >
            Why, and what is missing
          </a>
        </p>
      </header>
      <Tabs
        tabs={TABS}
        current={view}
        label="Catalogue views"
        onSelect={(id) => setParams({ view: id === 'list' ? null : id }, { replace: false })}
      />
      <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="cat-panel">
        {view === 'versions' ? (
          <VersionsPanel />
        ) : (
          <QueryStatus query={pending} what="the catalogue">
            {view === 'about' ? (
              <CatalogueAbout
                frameworks={frameworks.data ?? []}
                groups={groups.data ?? []}
                indicators={all ?? []}
                forms={forms.data ?? []}
              />
            ) : (
              <>
                <FilterBar
                  filter={filter}
                  frameworks={frameworks.data ?? []}
                  forms={forms.data ?? []}
                  shown={shown.length}
                  total={all?.length ?? 0}
                />
                {all && all.length === 0 ? (
                  <p className="empty">
                    No catalogue has been loaded yet: an admin can import one from the Versions tab.
                  </p>
                ) : shown.length === 0 ? (
                  <p className="empty" role="status">
                    No indicator matches these filters.
                  </p>
                ) : view === 'matrix' ? (
                  <FormMatrix sections={sections} forms={forms.data ?? []} />
                ) : (
                  <IndicatorList sections={sections} forms={forms.data ?? []} />
                )}
              </>
            )}
          </QueryStatus>
        )}
      </section>
    </main>
  );
}
