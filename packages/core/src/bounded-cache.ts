/**
 * A cache bounded by a budget, in two generations instead of an exact LRU order: a hit in the
 * current generation costs one lookup, a hit in the previous one moves the entry to the current
 * one. When the current generation has used half the budget it becomes the previous one, and
 * what was not used since the turn before is dropped.
 *
 * Unlike clearing a full cache, a turn keeps what is in use: on a plan with more distinct values
 * than the cache holds, the few hundred that every control repeats (`Status`, `PR.IR-01`) stay
 * cached while one-off values (control ids, evidence links) pass through.
 */

/** What {@link BoundedCache.get} returns for a key it does not hold (a cached value may be `undefined`). */
export const notCached: unique symbol = Symbol('not cached');

export class BoundedCache<K, V> {
  /**
   * Entries keep the key they were added with: a hit in the previous generation moves that key,
   * not the one it was looked up with (a slice of a document would keep the document alive).
   */
  private current = new Map<K, { key: K; value: V }>();
  private previous = new Map<K, { key: K; value: V }>();
  private currentWeight = 0;

  /**
   * `budget` is the total weight kept (0 keeps nothing); `weigh` gives an entry's weight (1 by
   * default, so that the budget counts entries).
   */
  constructor(
    private readonly budget: number,
    private readonly weigh: (key: K, value: V) => number = () => 1,
  ) {}

  get(key: K): V | typeof notCached {
    const entry = this.current.get(key);
    if (entry) return entry.value;
    const earlier = this.previous.get(key);
    if (!earlier) return notCached;
    this.previous.delete(key);
    this.add(earlier);
    return earlier.value;
  }

  /** Adds an entry the cache does not hold (see {@link get}). */
  set(key: K, value: V): void {
    this.add({ key, value });
  }

  private add(entry: { key: K; value: V }): void {
    this.current.set(entry.key, entry);
    this.currentWeight += this.weigh(entry.key, entry.value);
    if (this.currentWeight * 2 <= this.budget) return;
    this.previous = this.budget > 0 ? this.current : new Map();
    this.current = new Map();
    this.currentWeight = 0;
  }
}
