/** Times as people read them in the panel: the time alone today, the day and time otherwise. */

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function whenOf(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return timeOf(iso);
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${timeOf(iso)}`;
}
