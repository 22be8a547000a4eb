/**
 * Which plan a plan was built after. A parser that keeps sections builds each plan from the groups
 * of the one before (built-groups.ts), so the two share their unchanged entries, in order, and an
 * analysis can reuse what it worked out for them (analyze/entry-values.ts).
 *
 * Each plan knows only the one before it: a parser that builds plan after plan keeps its last plan
 * and that plan's predecessor alive, never the whole chain. A parser that keeps no sections (the
 * CLI's one-off check) shares nothing between plans and records nothing. Nothing here is a WeakRef:
 * V8 keeps every WeakRef target alive until the current job ends, and a check builds a plan per
 * file in one synchronous job (a version with WeakRefs held all 13 files of the 10 MB bench at once).
 */
import type { ParsedFile } from './build-plan.js';

/** The parser (or other lineage) each file was parsed by, when it keeps sections. */
const lineageOfFile = new WeakMap<ParsedFile, object>();
/** Each lineage's last plan. */
const lastPlanOf = new WeakMap<object, object>();
const predecessors = new WeakMap<object, object>();

/** Marks a file as parsed by `lineage`, whose plans share entries one after the other. */
export function markLineage(file: ParsedFile, lineage: object): void {
  lineageOfFile.set(file, lineage);
}

/** The lineage of a file, if it has one. */
export function lineageOf(file: ParsedFile): object | undefined {
  return lineageOfFile.get(file);
}

/** Records `plan` as the newest plan of `lineage`. */
export function recordPlan(lineage: object, plan: object): void {
  const previous = lastPlanOf.get(lineage);
  if (previous !== undefined && previous !== plan) {
    // The previous plan no longer needs its own predecessor: the chain stops at two plans.
    predecessors.delete(previous);
    predecessors.set(plan, previous);
  }
  lastPlanOf.set(lineage, plan);
}

/**
 * The plans whose work an analysis of `plan` may reuse, in that order: `plan` itself (analysed
 * again) and the plan its lineage built just before it, which is forgotten once a newer plan
 * follows `plan`.
 */
export function reusablePlans(plan: object): object[] {
  const predecessor = predecessors.get(plan);
  return predecessor === undefined ? [plan] : [plan, predecessor];
}
