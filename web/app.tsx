import { useQuery } from '@tanstack/react-query';
import { PAGES } from './pages.tsx';
import { accountQueries } from './queries/account.ts';
import { navigate, useLocation } from './lib/router.ts';
import { AccountControl } from './features/account/account-control.tsx';
import { SignInGate } from './features/account/sign-in-gate.tsx';

/** The dashboard shell: title bar, page navigation, the historical-data notice and the current page. */
export function App() {
  const { path } = useLocation();
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0]!;
  const isAdmin = useQuery(accountQueries.me()).data?.user?.role === 'admin';
  return (
    <div className="app">
      <header className="topbar">
        <h1>Vigil</h1>
        <p className="tagline">Early warning of trafficking in persons in situations of armed conflict</p>
        <nav aria-label="Pages">
          {PAGES.filter((p) => ((!p.admin || isAdmin) && !p.unlisted) || p === page).map((p) => (
            <a
              key={p.path}
              href={p.path}
              aria-current={p === page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(p.path);
              }}
            >
              {p.label}
            </a>
          ))}
        </nav>
        <AccountControl />
      </header>
      <p className="notice" role="note">
        Default data are a <strong>historical illustration</strong>: documented 2014–2017 cases from UN and UNU reports,
        not a live assessment.
      </p>
      <SignInGate>
        <page.Component />
      </SignInGate>
    </div>
  );
}
