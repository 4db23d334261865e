import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PAGES } from './pages.tsx';
import { accountQueries } from './queries/account.ts';
import { navigate, useLocation } from './lib/router.ts';
import { useKeyboardScrollableBoxes } from './lib/scroll-focus.ts';
import { AccountControl } from './features/account/account-control.tsx';
import { SignInGate } from './features/account/sign-in-gate.tsx';
import { LanguagePicker } from './i18n/language-picker.tsx';
import { t, tRich } from './i18n/messages.ts';

/**
 * The dashboard shell: title bar, page navigation, the historical-data notice and the current page.
 * On a narrow screen the page links and the account corner fold behind a "Menu" button (CSS shows the
 * button and hides the links below the breakpoint; on a wide screen the button is not shown).
 */
export function App() {
  const { path } = useLocation();
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0]!;
  const isAdmin = useQuery(accountQueries.me()).data?.user?.role === 'admin';
  const [menuOpen, setMenuOpen] = useState(false);
  useKeyboardScrollableBoxes();
  // A page change closes the menu (the user picked a link, or went back).
  const [menuPath, setMenuPath] = useState(path);
  if (menuPath !== path) {
    setMenuPath(path);
    setMenuOpen(false);
  }
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <div className="app">
      <a className="skip-link" href="#content" onClick={skipToContent}>
        {t('app.skip')}
      </a>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> {t('app.menu')}
        </button>
        <div id="site-menu" className={menuOpen ? 'site-menu open' : 'site-menu'}>
          <nav aria-label={t('app.pages')}>
            {PAGES.filter((p) => ((!p.admin || isAdmin) && !p.unlisted) || p === page).map((p) => (
              <a
                key={p.path}
                href={p.path}
                aria-current={p === page ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setMenuOpen(false);
                  navigate(p.path);
                }}
              >
                {t(p.label)}
              </a>
            ))}
          </nav>
          <LanguagePicker />
          <AccountControl />
        </div>
      </header>
      <aside className="notice" aria-label={t('app.noticeLabel')}>
        <p>{tRich('app.notice', { strong: (c) => <strong>{c}</strong> })}</p>
      </aside>
      <div id="content" className="app-body" tabIndex={-1}>
        <SignInGate>
          <page.Component />
        </SignInGate>
      </div>
    </div>
  );
}

/**
 * "Skip to content": focuses the page below the title bar and the notice (its first Tab is the map's
 * controls on the map page, the page itself elsewhere), so keyboard users need not tab through the menu.
 * Done by hand because the router owns the URL: the plain `#content` jump would add a hash to it.
 */
function skipToContent(e: { preventDefault(): void }) {
  e.preventDefault();
  document.getElementById('content')?.focus();
}
