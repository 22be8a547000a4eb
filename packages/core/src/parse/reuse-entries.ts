/**
 * Keeps plan entries stable across rebuilds. Sections come from the parser's cache, so an entry
 * built from unchanged sections is made of the very objects (ranges, references, attributes) that
 * made it last time. Such an entry is replaced by the object built last time, which lets the
 * analysis remember its work per entry object (map-contributions.ts): after an edit only the
 * entries the edit touched are analysed again. Entries are never changed once their plan is built.
 */
import type { Plan, PlanEntry } from './plan-model.js';
import type { Range } from './positions.js';

/** The last entry built with this id range: a cached object, unique to one place in one file. */
const lastEntryWithIdRange = new WeakMap<Range, PlanEntry>();

/** Replaces each entry of a freshly built plan that equals its previous build by that earlier object. */
export function reuseUnchangedEntries(plan: Plan): void {
  let replaced: Map<PlanEntry, PlanEntry> | undefined;
  // The same source given twice yields equal entries; each earlier object stands in for one only.
  const taken = new Set<PlanEntry>();
  const entries = plan.entries;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as PlanEntry;
    const previous = lastEntryWithIdRange.get(entry.idRange);
    if (previous && !taken.has(previous) && sameFields(entry, previous)) {
      taken.add(previous);
      entries[index] = previous;
      (replaced ??= new Map()).set(entry, previous);
    } else {
      lastEntryWithIdRange.set(entry.idRange, entry);
    }
  }
  if (!replaced) return;
  for (const placeholder of plan.placeholders) {
    const previous = placeholder.entry && replaced.get(placeholder.entry);
    if (previous) placeholder.entry = previous;
  }
}

/**
 * True when the entries are deep-equal. Unchanged parts are the same objects, so the walk stops at
 * the first level for most fields; table rows rebuild their row range and cell attributes, which are
 * compared a level or two further down. Written over the fields generically so that a field added
 * to PlanEntry is compared too; the depth limit keeps it off the knowledge base's node graph.
 */
function sameFields(a: PlanEntry, b: PlanEntry): boolean {
  return same(a, b, 0);
}

const deepest = 4;

function same(x: unknown, y: unknown, depth: number): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || depth === deepest) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let index = 0; index < x.length; index++) if (!same(x[index], y[index], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(x) !== Object.prototype || Object.getPrototypeOf(y) !== Object.prototype) return false;
  const keys = Object.keys(x);
  const otherKeys = Object.keys(y);
  if (keys.length !== otherKeys.length) return false;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    if (otherKeys[index] !== key || !same((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
