/**
 * A bounded in-memory map whose entries expire: what one Function App instance keeps between
 * requests (verified tokens, directory answers). Each entry carries its own expiry and is never
 * answered at or past it; when the map is full the least recently used entry goes first. Nothing
 * here is shared between instances or written anywhere.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly settings: {
      /** The most entries kept; the least recently used one leaves to make room. */
      maxEntries: number;
      /** Milliseconds since the epoch; a test may move it instead of waiting. */
      now: () => number;
    },
  ) {
    if (!Number.isInteger(settings.maxEntries) || settings.maxEntries < 0)
      throw new Error('maxEntries must be a whole number, 0 or more.');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, while it is fresh; undefined (and the entry dropped) at or past its expiry. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.settings.now()) return undefined;
    // Re-inserted: a Map keeps insertion order, so the first key is always the least recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` until `expiresAt` (ms since the epoch); a value already expired is not kept. */
  set(key: string, value: V, expiresAt: number): void {
    this.entries.delete(key);
    if (this.settings.maxEntries === 0 || expiresAt <= this.settings.now()) return;
    while (this.entries.size >= this.settings.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt });
  }
}
