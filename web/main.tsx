import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Arabic glyphs from a bundled font (Arabic subset only; Latin stays the system's), so Arabic reads the same on every machine.
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './lib/maplibre-worker.ts';
import './styles/app.css';
import { App } from './app.tsx';
import { LanguageProvider } from './i18n/language-provider.tsx';
import { queryClient } from './lib/query-client.ts';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <App />
      </LanguageProvider>
    </QueryClientProvider>
  </StrictMode>,
);
