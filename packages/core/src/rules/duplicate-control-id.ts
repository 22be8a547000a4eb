/** Two controls with the same id: one of them is mislabelled, and coverage cannot say which. */
import type { EntrySummary } from '../parse/plan-model.js';
import type { Rule } from './rule.js';

export const duplicateControlId: Rule = {
  id: 'duplicate-control-id',
  defaultSeverity: 'error',
  description: 'Two controls in the plan have the same id.',
  check({ plan, report }) {
    const first = new Map<string, EntrySummary>();
    for (const entry of plan.entries) {
      if (entry.kind !== 'control') continue;
      const previous = first.get(entry.id);
      if (!previous) {
        first.set(entry.id, entry);
        continue;
      }
      report({
        file: entry.file,
        range: entry.idRange,
        control: entry.id,
        message: `Control id ${entry.id} is already used at ${previous.file}:${previous.range.start.line}; give each control its own id.`,
      });
    }
  },
};
