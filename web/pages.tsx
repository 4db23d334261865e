import type { ComponentType } from 'react';
import { AccountPage } from './features/account/account-page.tsx';
import { AdminPage } from './features/admin/admin-page.tsx';
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

/** The dashboard's pages: one line each. The first is the home page and the fallback; `admin` pages are linked for admins only; `unlisted` pages are reached through a link on another page (the header has no room). */
export const PAGES: { path: string; label: string; Component: ComponentType; admin?: true; unlisted?: true }[] = [
  { path: '/', label: 'Map', Component: MapPage },
  { path: '/table', label: 'Table', Component: TablePage },
  { path: '/region', label: 'Region profile', Component: RegionPage },
  { path: '/monitor', label: 'Monitoring', Component: MonitorPage },
  { path: '/compare', label: 'Compare', Component: ComparePage },
  { path: '/brief', label: 'Brief', Component: BriefPage },
  { path: '/methodology', label: 'Methodology', Component: MethodologyPage },
  { path: '/validation', label: 'Validation', Component: ValidationPage, unlisted: true },
  { path: '/data', label: 'Data', Component: DataPage },
  { path: '/catalogue', label: 'Catalogue', Component: CataloguePage },
  { path: '/account', label: 'Account', Component: AccountPage },
  { path: '/admin', label: 'Admin', Component: AdminPage, admin: true },
];
