import { useState, type ReactNode } from 'react';
import { currentLanguage, t } from '../../i18n/messages.ts';

/**
 * The side panel beside the map. On a narrow screen it sits under the map as a sheet that folds
 * behind a button (CSS shows the button and folds the body only below the breakpoint; on a wide
 * screen the panel is always open and the button is not shown). A new `openKey` (another region
 * chosen, for instance) opens it again.
 */
export function SidePanel({
  label,
  openKey,
  children,
}: {
  label: string;
  openKey?: string | null;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(true);
  const [key, setKey] = useState(openKey);
  if (key !== openKey) {
    setKey(openKey);
    setOpen(true);
  }
  return (
    <aside className={open ? 'panel sheet open' : 'panel sheet'} aria-label={label}>
      <button type="button" className="sheet-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t(open ? 'sheet.hide' : 'sheet.show', { label: label.toLocaleLowerCase(currentLanguage()) })}
      </button>
      <div className="sheet-body">{children}</div>
    </aside>
  );
}
