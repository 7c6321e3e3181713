import { useCallback, useState } from 'react';

/**
 * What a person is typing, kept in the tab's session storage until it is saved: it survives the form closing, the
 * page being redrawn after a failure (the error boundary's Reload) and a reload of the tab, and is shown by the error
 * boundary so nothing typed is lost. Only on this device, in this browser session; never sent anywhere.
 */
const PREFIX = 'career-conversations.draft:';

interface StoredDraft {
  /** What the person would call the field: "your shared note on 'Goals'". */
  label: string;
  text: string;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function read(key: string): StoredDraft | null {
  try {
    const raw = storage()?.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    return typeof parsed.text === 'string'
      ? { label: typeof parsed.label === 'string' ? parsed.label : '', text: parsed.text }
      : null;
  } catch {
    return null;
  }
}

function write(key: string, draft: StoredDraft | null): void {
  try {
    if (draft && draft.text !== '') storage()?.setItem(PREFIX + key, JSON.stringify(draft));
    else storage()?.removeItem(PREFIX + key);
  } catch {
    // Storage full or refused (private windows): the field works as before, without the safety net.
  }
}

/** Every draft kept now, with its label: what the error boundary lists. */
export function keptDrafts(): StoredDraft[] {
  const store = storage();
  if (!store) return [];
  const drafts: StoredDraft[] = [];
  for (let index = 0; index < store.length; index += 1) {
    const key = store.key(index);
    if (!key?.startsWith(PREFIX)) continue;
    const draft = read(key.slice(PREFIX.length));
    if (draft) drafts.push(draft);
  }
  return drafts;
}

/**
 * A text field's value that outlives the field: starts from the kept draft (or `saved`), keeps every change, and
 * `clear` forgets it once the text is stored (or the person cancels).
 */
export function useDraft(key: string, label: string, saved = ''): [string, (text: string) => void, () => void] {
  const [text, setText] = useState(() => read(key)?.text ?? saved);
  const change = useCallback(
    (next: string) => {
      setText(next);
      write(key, next === saved ? null : { label, text: next });
    },
    [key, label, saved],
  );
  const clear = useCallback(() => {
    write(key, null);
  }, [key]);
  return [text, change, clear];
}
