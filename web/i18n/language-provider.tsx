import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { RawIntlProvider } from 'react-intl';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import { setParams, useLocation } from '../lib/router.ts';
import { accountQueries } from '../queries/account.ts';
import { CatalogueLabels } from './catalogue-labels.tsx';
import { chooseLanguage, direction, isLanguage, type Language } from './languages.ts';
import { intlFor, setCurrentLanguage } from './messages.ts';

const STORAGE_KEY = 'vigil.language';

interface LanguageState {
  lang: Language;
  /** Keeps the choice: in this browser, with the account when signed in, and in the link when it names one. */
  setLanguage(lang: Language): void;
}
const LanguageContext = createContext<LanguageState>({ lang: 'en', setLanguage: () => {} });

/** The page's language and how to change it. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

function readSaved(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Chooses the language (`?lang=`, then the account's choice, then this browser's saved one, then the
 * browser's languages), sets `<html lang dir>` and draws the app in it. A change of language draws
 * the app anew (the `key`), so every message, number and month is in the new language at once.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const { params } = useLocation();
  const param = params.get('lang');
  const qc = useQueryClient();
  const me = useQuery(accountQueries.me());
  const user = me.data?.user ?? null;
  const [saved, setSaved] = useState(readSaved);
  const lang = chooseLanguage({
    param,
    account: user?.language,
    saved,
    browser: typeof navigator === 'undefined' ? [] : navigator.languages,
  });
  // Set before the children draw, so `t()` reads this language from their first render.
  setCurrentLanguage(lang);
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = direction(lang);
  }, [lang]);

  const keep = useMutation({
    mutationFn: async (language: Language) => unwrap(await api.auth.me.$patch({ json: { language } })),
    onSuccess: (res) =>
      qc.setQueryData(accountQueries.me().queryKey, (old) => (old ? { ...old, user: res.user } : old)),
  });
  const signedIn = user !== null;
  const setLanguage = (next: Language) => {
    if (!isLanguage(next)) return;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page.
    }
    setSaved(next);
    if (param !== null) setParams({ lang: next });
    if (signedIn) {
      // Show the new language at once; the account follows.
      qc.setQueryData(accountQueries.me().queryKey, (old) =>
        old?.user ? { ...old, user: { ...old.user, language: next } } : old,
      );
      keep.mutate(next);
    }
  };
  return (
    <LanguageContext value={{ lang, setLanguage }}>
      <RawIntlProvider value={intlFor(lang)} key={lang}>
        <CatalogueLabels lang={lang}>{children}</CatalogueLabels>
      </RawIntlProvider>
    </LanguageContext>
  );
}
