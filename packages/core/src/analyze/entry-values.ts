/**
 * Values worked out per plan entry (an entry's findings, its flagged references, what it declares),
 * kept with each plan so that the analysis of the plan built after it (parse/plan-lineage.ts) reuses
 * them for the entries the two share at the same place.
 *
 * An edit rebuilds a run of entries; the entries before and after it are the very objects of the
 * plan before (parse/built-groups.ts). Their values are copied from that plan's list in order, the
 * entries compared by identity, instead of being looked up entry by entry: copying reads two
 * arrays, while a lookup per entry (a WeakMap keyed by the entry) visits every entry object,
 * scattered over a heap that the rest of a keystroke's work has just pushed out of the processor's
 * caches. A value may also depend on its entry's file (where appended fixes go): `fileKey` names
 * what of the file it depends on, and the values of a file whose key changed are worked out again.
 */
import { reusablePlans } from '../parse/plan-lineage.js';

/** What values are worked out from, besides the entry. */
export interface EntryValueSource<Entry, Value> {
  /** Everything else the values depend on (knowledge base, rules, severities), compared with `===`. */
  readonly context: readonly unknown[];
  /** What of the file at this path the values depend on; the same string means the same values. */
  fileKey?(path: string): string;
  compute(entry: Entry): Value;
}

/** A plan with entries: a Plan or a PlanSummary, whose entries do not change once it is built. */
type WithEntries<Entry> = { readonly entries: readonly Entry[] };

interface Kept<Entry, Value> {
  entries: readonly Entry[];
  context: readonly unknown[];
  values: readonly Value[];
  /** With a fileKey: each value's file, and the key each file had. */
  files?: readonly string[];
  fileKeys?: ReadonlyMap<string, string>;
}

export class EntryValues<Entry extends { readonly file: string }, Value> {
  /** Kept by the plan, so that a plan nobody holds takes its values with it. */
  private readonly ofPlan = new WeakMap<WithEntries<Entry>, Kept<Entry, Value>>();

  /** The value of each entry of `plan`, in entry order. */
  of(plan: WithEntries<Entry>, source: EntryValueSource<Entry, Value>): readonly Value[] {
    const entries = plan.entries;
    const fileKeys = source.fileKey ? new Map<string, string>() : undefined;
    const keyOf = (path: string): string | undefined => {
      if (!fileKeys || !source.fileKey) return undefined;
      let key = fileKeys.get(path);
      if (key === undefined) fileKeys.set(path, (key = source.fileKey(path)));
      return key;
    };
    const values = new Array<Value>(entries.length);
    const files = fileKeys ? new Array<string>(entries.length) : undefined;
    const compute = (index: number) => {
      const entry = entries[index] as Entry;
      values[index] = source.compute(entry);
      if (files) {
        files[index] = entry.file;
        keyOf(entry.file);
      }
    };
    // The previous value at `from` for the entry at `index`, unless its file's key changed.
    const reuse = (kept: Kept<Entry, Value>, index: number, from: number) => {
      const file = kept.files?.[from];
      if (file !== undefined && files) {
        if (kept.fileKeys?.get(file) !== keyOf(file)) return compute(index);
        files[index] = file;
      }
      values[index] = kept.values[from] as Value;
    };
    const { kept, prefix, suffix } = this.shared(plan, source.context);
    for (let index = 0; index < prefix; index++) reuse(kept as Kept<Entry, Value>, index, index);
    for (let index = prefix; index < entries.length - suffix; index++) compute(index);
    const shift = (kept?.entries.length ?? 0) - entries.length;
    for (let index = entries.length - suffix; index < entries.length; index++) reuse(kept as Kept<Entry, Value>, index, index + shift);
    // A copy: a caller may add to a plan's entries array after all (plans are meant to be read-only).
    this.ofPlan.set(plan, { entries: entries.slice(), context: source.context, values, files, fileKeys });
    return values;
  }

  /**
   * The values kept for this plan (analysed again) or else for the plan built before it, with the
   * number of entries the two share at the start and at the end.
   */
  private shared(plan: WithEntries<Entry>, context: readonly unknown[]): { kept?: Kept<Entry, Value>; prefix: number; suffix: number } {
    const before = reusablePlans(plan)
      .map((candidate) => this.ofPlan.get(candidate as WithEntries<Entry>))
      .find((kept) => kept && sameContext(kept.context, context));
    if (!before) return { prefix: 0, suffix: 0 };
    return { kept: before, ...sharedEnds(before.entries, plan.entries) };
  }
}

/** How many entries two lists share (the same objects) at the start, and then at the end. */
export function sharedEnds(before: readonly unknown[], after: readonly unknown[]): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

function sameContext(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
