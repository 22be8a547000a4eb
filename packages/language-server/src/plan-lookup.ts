/**
 * Finding things in an analysed plan: what is under the cursor (a framework reference, or a plan
 * entry's id or heading), and the entries of one file. Positions are core positions (1-based).
 */
import type { Plan, PlanEntry, Position, ReferenceOccurrence } from '@plantgap/core';
import { rangeContains } from './lsp-ranges.js';

export type PlanTarget = { kind: 'reference'; occurrence: ReferenceOccurrence; entry?: PlanEntry } | { kind: 'entry'; entry: PlanEntry };

/** The reference or entry at a position of a file; a reference wins over the entry it is in. */
export function targetAt(plan: Plan, filePath: string, position: Position): PlanTarget | undefined {
  for (const reference of plan.looseReferences) {
    if (reference.file === filePath && rangeContains(reference.range, position)) return { kind: 'reference', occurrence: reference };
  }
  for (const entry of plan.entries) {
    if (entry.file !== filePath || position.line < entry.range.start.line || position.line > entry.endLine) continue;
    if (entry.key && rangeContains(entry.key.range, position)) return { kind: 'reference', occurrence: entry.key, entry };
    for (const occurrence of entry.references) if (rangeContains(occurrence.range, position)) return { kind: 'reference', occurrence, entry };
    // The id, or anywhere on a heading control's heading line.
    if (rangeContains(entry.idRange, position) || (entry.origin === 'heading' && rangeContains(entry.range, position))) return { kind: 'entry', entry };
  }
  return undefined;
}

export function entriesOf(plan: Plan, filePath: string): PlanEntry[] {
  return plan.entries.filter((entry) => entry.file === filePath);
}
