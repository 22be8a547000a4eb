/**
 * Strings the plan keeps, copied out of the document they were read from.
 *
 * V8 makes a substring of 13 or more characters a view into its parent, so a title or value sliced
 * from a plan keeps the whole file's text alive for as long as the plan lives: 1.7 MB per
 * 800 KB file (text with one `—` is stored two bytes a character). A check of 10 MB of plans
 * would hold every file's text through the analysis for the sake of a few kilobytes of titles.
 */
import { BoundedCache, notCached } from '../bounded-cache.js';

/** Shorter substrings are copied by V8 itself. */
const shortestView = 13;

/**
 * An equal string that does not refer to the one it was sliced from. The JSON round trip is the
 * cheapest exact copy (about a microsecond): it keeps lone surrogates, where UTF-8 re-encoding
 * would replace them, and yields one byte a character when the text allows.
 */
export function detachedString(text: string): string {
  return text.length < shortestView ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Texts longer than this are rarely repeated word for word; they are copied, not interned. */
const longestInterned = 64;
const interned = new BoundedCache<string, string>(8192);

/**
 * {@link detachedString}, sharing one copy per distinct short text: plans repeat the same keys and
 * values (`Status`, `Implemented`, `OT network lead`) thousands of times. Bounded (bounded-cache.ts):
 * the repeated texts stay shared while one-off ones pass through.
 */
export function sharedString(text: string): string {
  if (text.length > longestInterned) return detachedString(text);
  const known = interned.get(text);
  if (known !== notCached) return known;
  const copy = detachedString(text);
  interned.set(copy, copy);
  return copy;
}
