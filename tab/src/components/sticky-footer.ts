import { useEffect, useState } from 'react';

/** The most of the panel's height a footer that stays in view may cover (WCAG 2.2, 2.4.11: focus not obscured). */
export const STICKY_SHARE = 0.25;

/**
 * Whether the footer may stay in view at the bottom of the panel: only while it covers at most a quarter of the
 * window. With large text or a short window it would hide too much, so it then sits at the end of the page instead.
 * While it stays in view, the page's scroll padding keeps a focused control from scrolling in under it.
 */
export function useStickyFooter(footer: HTMLElement | null): boolean {
  const [fits, setFits] = useState(true);
  useEffect(() => {
    if (!footer) return undefined;
    const root = document.documentElement;
    const measure = () => {
      const height = footer.getBoundingClientRect().height;
      const ok = height <= window.innerHeight * STICKY_SHARE;
      setFits(ok);
      root.style.scrollPaddingBottom = ok ? `${Math.ceil(height) + 8}px` : '';
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(footer);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      root.style.scrollPaddingBottom = '';
    };
  }, [footer]);
  return fits;
}
