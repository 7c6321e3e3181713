import { Badge } from '@fluentui/react-components';
import { useRef } from 'react';
import { useSeen } from './use-seen';

/**
 * Something the other person just added or changed is marked new (a tint, and the word "New" read with it) until it
 * has been on screen a moment: `key` names it among `news`, and `onSeen` clears it.
 */
export function useFresh<T extends HTMLElement>(
  key: string,
  news: ReadonlySet<string> | undefined,
  onSeen: ((keys: readonly string[]) => void) | undefined,
) {
  const fresh = news?.has(key) ?? false;
  const ref = useRef<T>(null);
  useSeen(ref, fresh, () => onSeen?.([key]));
  return { ref, fresh };
}

export function NewBadge() {
  return (
    <Badge size="small" appearance="filled" color="brand" data-testid="new-badge">
      New
    </Badge>
  );
}
