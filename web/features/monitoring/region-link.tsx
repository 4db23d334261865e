import type { ReactNode } from 'react';
import { navigate } from '../../lib/router.ts';

/** A link to a region's full profile for a month and lens (a real link: it opens in a new tab too). */
export function RegionLink({
  code,
  period,
  lens,
  scenario = 'baseline',
  children,
}: {
  code: string;
  period: string;
  lens: string;
  scenario?: string;
  children: ReactNode;
}) {
  const href = `/region?region=${encodeURIComponent(code)}&period=${period}&lens=${lens}${scenario !== 'baseline' ? `&scenario=${scenario}` : ''}`;
  return (
    <a
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
