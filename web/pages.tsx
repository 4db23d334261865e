import type { ComponentType } from 'react';
import type { MessageId } from './i18n/messages.ts';
import { AccountPage } from './features/account/account-page.tsx';
import { AdminPage } from './features/admin/admin-page.tsx';
import { AreaBriefPage } from './features/area/area-brief-page.tsx';
import { AreaPage } from './features/area/area-page.tsx';
import { BriefPage } from './features/brief/brief-page.tsx';
import { CataloguePage } from './features/catalogue/catalogue-page.tsx';
import { DataPage } from './features/data-entry/data-page.tsx';
import { ComparePage } from './features/compare/compare-page.tsx';
import { MapPage } from './features/map/map-page.tsx';
import { MethodologyPage } from './features/methodology/methodology-page.tsx';
import { MonitorPage } from './features/monitoring/monitor-page.tsx';
import { RegionPage } from './features/region-profile/region-page.tsx';
import { TablePage } from './features/table/table-page.tsx';
import { ValidationPage } from './features/validation/validation-page.tsx';

/** The dashboard's pages: one line each. `label` is the message id of its name. The first is the home page and the fallback; `admin` pages are linked for admins only; `unlisted` pages are reached through a link on another page (the header has no room). */
export const PAGES: { path: string; label: MessageId; Component: ComponentType; admin?: true; unlisted?: true }[] = [
  { path: '/', label: 'nav.map', Component: MapPage },
  { path: '/table', label: 'nav.table', Component: TablePage },
  { path: '/region', label: 'nav.region', Component: RegionPage },
  { path: '/monitor', label: 'nav.monitor', Component: MonitorPage },
  { path: '/compare', label: 'nav.compare', Component: ComparePage },
  { path: '/brief', label: 'nav.brief', Component: BriefPage },
  { path: '/area', label: 'nav.area', Component: AreaPage },
  { path: '/area-brief', label: 'area.briefTitle', Component: AreaBriefPage, unlisted: true },
  { path: '/methodology', label: 'nav.methodology', Component: MethodologyPage },
  { path: '/validation', label: 'nav.validation', Component: ValidationPage, unlisted: true },
  { path: '/data', label: 'nav.data', Component: DataPage },
  { path: '/catalogue', label: 'nav.catalogue', Component: CataloguePage },
  { path: '/account', label: 'nav.account', Component: AccountPage },
  { path: '/admin', label: 'nav.admin', Component: AdminPage, admin: true },
];
