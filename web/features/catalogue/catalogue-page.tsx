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
import { t } from '../../i18n/messages.ts';

type View = 'list' | 'matrix' | 'versions' | 'about';
const VIEWS: readonly View[] = ['list', 'matrix', 'versions', 'about'];
/** The tabs, their labels in the page's language. */
const tabs = (): Tab<View>[] => VIEWS.map((id) => ({ id, label: t(`catalogue.tab.${id}`) }));

/**
 * The indicator catalogue: every indicator of the three flagged frameworks and Vigil's trafficking set,
 * filterable by framework, relevance, exploitation form and text, as cards or as a matrix against the
 * forms; the versions with their diffs and the admin import; and the method behind the flags.
 */
export function CataloguePage() {
  const { params } = useLocation();
  const view = VIEWS.find((v) => v === params.get('view')) ?? 'list';
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
        <h2 id="cat-title">{t('catalogue.title')}</h2>
        <p className="muted">
          {current ? t('catalogue.version', { id: current.id }) : t('nav.catalogue')} {t('catalogue.intro')}{' '}
          <a
            href="?view=about"
            onClick={(e) => {
              e.preventDefault();
              setParams({ view: 'about' }, { replace: false });
            }}
          >
            {t('catalogue.why')}
          </a>
        </p>
      </header>
      <Tabs
        tabs={tabs()}
        current={view}
        label={t('catalogue.views')}
        onSelect={(id) => setParams({ view: id === 'list' ? null : id }, { replace: false })}
      />
      <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="cat-panel">
        {view === 'versions' ? (
          <VersionsPanel />
        ) : (
          <QueryStatus query={pending} what={t('catalogue.theCatalogue')}>
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
                  <p className="empty">{t('catalogue.empty')}</p>
                ) : shown.length === 0 ? (
                  <p className="empty" role="status">
                    {t('catalogue.noMatch')}
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
