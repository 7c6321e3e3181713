import { Portal } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useSavedFlagStyles } from './saved-flag.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

/** How long the flag stays: long enough to read two or three words. */
export const SAVED_FLAG_MS = 2500;
const GAP = 4;
const ESTIMATED_HEIGHT = 28;

interface Placed {
  id: number;
  message: string;
  top: number;
  left: number;
}

/** Where the flag goes: under the control in use (above it when that would leave the window, as in the footer). */
function placeNear(anchor: Element): { top: number; left: number } {
  const rect = anchor.getBoundingClientRect();
  const below = rect.bottom + GAP + ESTIMATED_HEIGHT <= window.innerHeight;
  const top = (below ? rect.bottom + GAP : rect.top - GAP - ESTIMATED_HEIGHT) + window.scrollY;
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 160)) + window.scrollX;
  return { top: Math.max(window.scrollY + 4, top), left };
}

/**
 * Says that a write was stored, beside the control the person used (or `fallbackId` when focus is elsewhere), within
 * the moment the answer arrives; screen readers hear it from a polite status line.
 */
export function SavedFlag({
  saved,
  fallbackId,
}: {
  saved: { id: number; message: string } | null;
  fallbackId?: string;
}) {
  const styles = useSavedFlagStyles();
  const hidden = useVisuallyHiddenStyles();
  const [placed, setPlaced] = useState<Placed | null>(null);

  useEffect(() => {
    if (!saved) return undefined;
    // After this render's focus moves (they run in the parents' effects), look where the focus is.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      const anchor =
        active && active !== document.body ? active : fallbackId ? document.getElementById(fallbackId) : null;
      if (!anchor) return;
      setPlaced({ id: saved.id, message: saved.message, ...placeNear(anchor) });
    });
    const timer = setTimeout(() => {
      setPlaced((current) => (current?.id === saved.id ? null : current));
    }, SAVED_FLAG_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [saved, fallbackId]);

  return (
    <>
      <span role="status" className={hidden.visuallyHidden}>
        {saved?.message ?? ''}
      </span>
      {placed ? (
        <Portal>
          <div
            aria-hidden="true"
            className={styles.flag}
            style={{ top: `${placed.top}px`, left: `${placed.left}px` }}
            data-testid="saved-flag"
          >
            ✓ {placed.message}
          </div>
        </Portal>
      ) : null}
    </>
  );
}
