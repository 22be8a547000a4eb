/** A row of a target profile (a matrix with a target column) whose target cell is empty. */
import type { EntryRule } from './rule.js';
import { isStated } from './stated-attribute.js';

export const requirementWithoutTarget: EntryRule = {
  id: 'requirement-without-target',
  defaultSeverity: 'warning',
  description: 'A requirement row in a target profile (a table with a Target column) has an empty target.',
  checkEntry(entry, { report }) {
    if (entry.kind !== 'requirement' || !entry.hasTargetColumn || entry.status === 'not-applicable') return;
    const target = entry.attributes.target;
    if (isStated(target)) return;
    report({
      file: entry.file,
      range: target?.range ?? entry.idRange,
      requirement: entry.id,
      message: `${entry.id} has no target state; fill in the target for this requirement.`,
    });
  },
};
