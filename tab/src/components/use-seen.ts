import { useEffect, useRef, type RefObject } from 'react';

/** How long something marked new must be on screen before it counts as seen. */
export const SEEN_AFTER_MS = 1500;

/**
 * Calls `onSeen` once the element has been at least half on screen for a moment, while `active` (it is marked new).
 * A folded section's items are not on screen, so they stay new until it is opened.
 */
export function useSeen(element: RefObject<HTMLElement | null>, active: boolean, onSeen: () => void): void {
  const onSeenRef = useRef(onSeen);
  useEffect(() => {
    onSeenRef.current = onSeen;
  });
  useEffect(() => {
    const target = element.current;
    if (!active || !target) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      ([entry]) => {
        clearTimeout(timer);
        if (entry?.isIntersecting) {
          timer = setTimeout(() => {
            onSeenRef.current();
          }, SEEN_AFTER_MS);
        }
      },
      { threshold: 0.5 },
    );
    observer.observe(target);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [element, active]);
}
