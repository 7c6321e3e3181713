import { useCallback, useEffect, useRef } from 'react';

/** True when nothing in the page has focus: it fell back to the body because its control went away or was disabled. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/**
 * Keeps the keyboard where the person was across a write: call `remember` as the write starts, with the controls to
 * try if the one in use goes away (a removed action's list, the button that replaces it). Once the write is over
 * (`busy` false) and the page has re-rendered, focus goes back to that control, or to the first fallback that exists,
 * unless the person has already moved it somewhere themselves.
 */
export function useFocusAfterWrite(busy: boolean): (fallbacks?: readonly (string | null | undefined)[]) => void {
  const wanted = useRef<string[] | null>(null);
  useEffect(() => {
    if (busy || !wanted.current) return;
    const ids = wanted.current;
    wanted.current = null;
    if (!focusIsLost()) return;
    for (const id of ids) {
      const target = document.getElementById(id);
      if (target && target.getClientRects().length > 0) {
        target.focus();
        return;
      }
    }
  });
  return useCallback((fallbacks = []) => {
    const active = document.activeElement;
    const own = active && active !== document.body && active.id ? [active.id] : [];
    wanted.current = [...own, ...fallbacks.filter((id): id is string => Boolean(id))];
  }, []);
}

/**
 * Puts the keyboard on a control once it is drawn and enabled: after an awaited write React may render a frame later
 * than `requestAnimationFrame` fires, so this looks again each frame, for about half a second.
 * `onlyIfLost`: leave focus alone if the person has it somewhere already.
 */
export function focusWhenDrawn(id: string, options: { onlyIfLost?: boolean } = {}, frames = 30): void {
  requestAnimationFrame(() => {
    if (options.onlyIfLost && !focusIsLost() && !document.activeElement?.matches(':disabled')) return;
    const target = document.getElementById(id);
    if (target && !target.matches(':disabled') && target.getClientRects().length > 0) {
      target.focus();
      return;
    }
    if (frames > 1) focusWhenDrawn(id, options, frames - 1);
  });
}
