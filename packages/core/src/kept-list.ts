/**
 * Lists kept for long (remembered findings, recorded groups, the table cells of cached sections)
 * are mostly empty, and an array grown by pushes keeps room for 17 items: every empty list kept is
 * one shared frozen array, and the others are copied at their exact size.
 */
const noItems: readonly never[] = Object.freeze([]);

/** The items of `items` from `from` on, as a list to keep (see above). */
export function keptList<Item>(items: readonly Item[], from = 0): readonly Item[] {
  return items.length <= from ? noItems : items.slice(from);
}
