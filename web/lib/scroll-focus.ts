import { useEffect } from 'react';

/** What can scroll sideways on its own: table boxes, and tables that scroll themselves on narrow screens. */
const SCROLLERS = '.table-wrap, main table, .data-history';
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps every box that scrolls sideways reachable from the keyboard: one that overflows and holds
 * nothing focusable gets `tabindex=0` (so arrow keys scroll it), and loses it again once it fits.
 * Watches the page for added, removed or changed content, each such box for its size, and the window.
 */
export function useKeyboardScrollableBoxes(): void {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (!frame) frame = window.requestAnimationFrame(update);
    };
    // A box can start to overflow without any element added (a scrollbar narrowing its column, text changing).
    const resized = new ResizeObserver(schedule);
    const watched = new Set<HTMLElement>();
    const update = () => {
      frame = 0;
      for (const el of watched)
        if (!el.isConnected) {
          resized.unobserve(el);
          watched.delete(el);
        }
      for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        if (!watched.has(el)) {
          watched.add(el);
          resized.observe(el);
        }
        const overflows = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
        const ours = el.dataset.scrollFocus === 'true';
        if (overflows && !ours && !el.hasAttribute('tabindex') && !el.querySelector(FOCUSABLE)) {
          el.tabIndex = 0;
          el.dataset.scrollFocus = 'true';
        } else if (!overflows && ours) {
          el.removeAttribute('tabindex');
          delete el.dataset.scrollFocus;
        }
      }
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      resized.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, []);
}
