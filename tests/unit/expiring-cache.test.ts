import { describe, expect, it } from 'vitest';
import { ExpiringCache } from '../../functions/src/cache/expiring-cache';

describe('the bounded expiring cache', () => {
  it('answers an entry before its expiry and never at or after it', () => {
    const clock = { ms: 1_000 };
    const cache = new ExpiringCache<string>({ maxEntries: 10, now: () => clock.ms });
    cache.set('a', 'value', 2_000);
    clock.ms = 1_999;
    expect(cache.get('a')).toBe('value');
    clock.ms = 2_000;
    expect(cache.get('a')).toBeUndefined();
    // Gone, not merely hidden: a moved-back clock does not bring it back.
    clock.ms = 1_500;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep what is already expired, nor anything with a bound of 0', () => {
    const clock = { ms: 5_000 };
    const cache = new ExpiringCache<number>({ maxEntries: 10, now: () => clock.ms });
    cache.set('past', 1, 5_000);
    expect(cache.size).toBe(0);
    const none = new ExpiringCache<number>({ maxEntries: 0, now: () => clock.ms });
    none.set('a', 1, 9_000);
    expect(none.get('a')).toBeUndefined();
  });

  it('keeps at most its bound, the least recently used leaving first', () => {
    const cache = new ExpiringCache<number>({ maxEntries: 2, now: () => 0 });
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3, 100);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('keeps a null answer (a person not in the directory) as an answer', () => {
    const cache = new ExpiringCache<string | null>({ maxEntries: 2, now: () => 0 });
    cache.set('nobody', null, 100);
    expect(cache.get('nobody')).toBeNull();
  });
});
